"""Dates for the synthetic council: working-day arithmetic over the one bank-holiday calendar.

Dates inside the simulator are proleptic ordinals (``date.toordinal()``) so that arithmetic is
integer arithmetic; they are turned into text only when a file is written. The bank holidays are the
warehouse's (``clearsight.warehouse.reference``), so synthetic returns and the rules that check them
agree on what a working day is.
"""

from __future__ import annotations

import bisect
from datetime import date

from clearsight.warehouse.reference import bank_holidays as holidays_between

# Re-exported ("X as X"): the simulator's callers ask the calendar for Easter here.
from clearsight.warehouse.reference import easter_sunday as easter_sunday


def weekday_holidays(first_year: int, last_year: int) -> set[date]:
    """England and Wales bank holidays that fall on a weekday, from ``first_year`` to ``last_year``: the days a
    working day is lost (a holiday on a weekend is counted on its substitute weekday)."""
    return {d for d in holidays_between(first_year, last_year) if d.weekday() < 5}


def bank_holidays(year: int) -> set[date]:
    """England and Wales bank holidays in a calendar year that fall on a weekday, substitute days included."""
    return weekday_holidays(year, year)


class WorkingDays:
    """Working days (Monday to Friday, not an England and Wales bank holiday) between two years."""

    def __init__(self, first_year: int, last_year: int):
        holidays = {d.toordinal() for d in weekday_holidays(first_year, last_year)}
        start = date(first_year, 1, 1).toordinal()
        end = date(last_year, 12, 31).toordinal()
        self.days = [o for o in range(start, end + 1) if o % 7 not in (6, 0) and o not in holidays]
        self.start, self.end = start, end
        self._set = set(self.days)

    def is_working(self, o: int) -> bool:
        return o in self._set

    def next_working(self, o: int) -> int:
        """The day itself if it is a working day, else the next working day."""
        i = bisect.bisect_left(self.days, o)
        return self.days[min(i, len(self.days) - 1)]

    def add(self, o: int, n: int) -> int:
        """The n-th working day after day o (n >= 0; n = 0 gives o rolled to a working day)."""
        i = bisect.bisect_left(self.days, o)
        if i < len(self.days) and self.days[i] == o:
            j = i + n
        else:
            j = i + n - 1 if n > 0 else i
        return self.days[min(max(j, 0), len(self.days) - 1)]

    def between(self, a: int, b: int) -> int:
        """Working days after a up to and including b (0 when b <= a)."""
        if b <= a:
            return 0
        return bisect.bisect_right(self.days, b) - bisect.bisect_right(self.days, a)


class DateText:
    """Cached text forms of ordinal dates."""

    def __init__(self) -> None:
        self._uk: dict[int, str] = {}
        self._iso: dict[int, str] = {}

    def uk(self, o: int | None) -> str:
        if o is None:
            return ""
        s = self._uk.get(o)
        if s is None:
            d = date.fromordinal(o)
            s = self._uk[o] = f"{d.day:02d}/{d.month:02d}/{d.year:04d}"
        return s

    def iso(self, o: int | None) -> str:
        if o is None:
            return ""
        s = self._iso.get(o)
        if s is None:
            s = self._iso[o] = date.fromordinal(o).isoformat()
        return s


def add_years(o: int, years: int) -> int:
    """The anniversary ``years`` after day o (29 February goes to 28 February, as in pandas)."""
    d = date.fromordinal(o)
    try:
        return d.replace(year=d.year + years).toordinal()
    except ValueError:
        return d.replace(year=d.year + years, day=28).toordinal()


def add_months(o: int, months: int) -> int:
    """Same day n calendar months later, clipped to the month's end."""
    d = date.fromordinal(o)
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    for day in (d.day, 30, 29, 28):
        try:
            return date(y, m, day).toordinal()
        except ValueError:
            continue
    raise AssertionError("unreachable")


def age_on(dob: int, o: int) -> int:
    """Whole years of age on day o."""
    b, d = date.fromordinal(dob), date.fromordinal(o)
    return d.year - b.year - ((d.month, d.day) < (b.month, b.day))
