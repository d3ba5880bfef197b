"""Periods a measure is computed over: a collection year, a rolling 12 months to a date, a month."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from clearsight.returns.years import CollectionYear


@dataclass(frozen=True)
class Period:
    label: str
    start: dt.date
    end: dt.date


_YEAR = re.compile(r"^\d{4}-\d{2}$")
_ROLLING = re.compile(r"^12m-to-(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_period(text: str) -> Period:
    """``2024-25`` (1 April to 31 March), ``12m-to-2025-06-30``, or ``2025-06`` (a calendar month)."""
    text = text.strip()
    m = _ROLLING.match(text)
    if m:
        end = dt.date(int(m[1]), int(m[2]), int(m[3]))
        start = add_months(end, -12) + dt.timedelta(days=1)
        return Period(text, start, end)
    m = _MONTH.match(text)
    if m and 1 <= int(m[2]) <= 12 and not _is_collection_year(text):
        year, month = int(m[1]), int(m[2])
        return Period(text, dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]))
    if _YEAR.match(text):
        collection = CollectionYear.parse(text)
        return Period(text, collection.first_day, collection.last_day)
    raise ValueError(f"period {text!r} should be a collection year (2024-25), 12m-to-YYYY-MM-DD or a month (2025-06)")


def _is_collection_year(text: str) -> bool:
    """``2011-12`` is the collection year 2011-12, not December 2011."""
    try:
        CollectionYear.parse(text)
    except ValueError:
        return False
    return True


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months (the 31st becomes the month's last day where it has none)."""
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_between(first: dt.date, last: dt.date) -> list[Period]:
    """Every calendar month from the one holding ``first`` to the one holding ``last``."""
    out = []
    y, m = first.year, first.month
    while (y, m) <= (last.year, last.month):
        out.append(parse_period(f"{y}-{m:02d}"))
        m += 1
        if m == 13:
            y, m = y + 1, 1
    return out


def go_back(day: dt.date, amount: int, unit: str) -> dt.date:
    """``day`` minus ``amount`` of ``unit`` (``DAY``, ``MONTH`` or ``YEAR``), as DuckDB's ``day - INTERVAL``."""
    if unit == "DAY":
        return day - dt.timedelta(days=amount)
    if unit == "MONTH":
        return add_months(day, -amount)
    if unit == "YEAR":
        return add_months(day, -12 * amount)
    raise ValueError(f"unit {unit!r} should be DAY, MONTH or YEAR")


def long_date(day: dt.date) -> str:
    """``1 April 2023``."""
    return f"{day.day} {day:%B %Y}"
