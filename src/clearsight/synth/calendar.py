"""Dates for the synthetic council: England and Wales bank holidays and working-day arithmetic.

Dates inside the simulator are proleptic ordinals (``date.toordinal()``) so that arithmetic is
integer arithmetic; they are turned into text only when a file is written.
"""

from __future__ import annotations

import bisect
from datetime import date, timedelta

# One-off bank holidays proclaimed outside the usual rules, and usual ones moved for a year.
_EXTRA = {
    date(2011, 4, 29), date(2012, 6, 5), date(2022, 6, 3), date(2022, 9, 19), date(2023, 5, 8),
}
_MOVED_EARLY_MAY = {2020: date(2020, 5, 8)}
_MOVED_SPRING = {2012: date(2012, 6, 4), 2022: date(2022, 6, 2)}


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _first_monday(year: int, month: int) -> date:
    d = date(year, month, 1)
    return d + timedelta(days=(7 - d.weekday()) % 7)


def _last_monday(year: int, month: int) -> date:
    d = date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
    return d - timedelta(days=d.weekday())


def bank_holidays(year: int) -> set[date]:
    """England and Wales bank holidays in a calendar year, substitute days included."""
    days: set[date] = set()
    ny = date(year, 1, 1)
    days.add(ny + timedelta(days={5: 2, 6: 1}.get(ny.weekday(), 0)))
    easter = easter_sunday(year)
    days.add(easter - timedelta(days=2))
    days.add(easter + timedelta(days=1))
    days.add(_MOVED_EARLY_MAY.get(year, _first_monday(year, 5)))
    days.add(_MOVED_SPRING.get(year, _last_monday(year, 5)))
    days.add(_last_monday(year, 8))
    xmas, boxing = date(year, 12, 25), date(year, 12, 26)
    if xmas.weekday() == 5:  # Saturday: Monday 27 and Tuesday 28
        days |= {date(year, 12, 27), date(year, 12, 28)}
    elif xmas.weekday() == 6:  # Sunday: Boxing Day Monday, Christmas substitute Tuesday
        days |= {boxing, date(year, 12, 27)}
    elif xmas.weekday() == 4:  # Friday: Boxing Day substitute Monday 28
        days |= {xmas, date(year, 12, 28)}
    else:
        days |= {xmas, boxing}
    days |= {d for d in _EXTRA if d.year == year}
    return days


class WorkingDays:
    """Working days (Monday to Friday, not an England and Wales bank holiday) between two years."""

    def __init__(self, first_year: int, last_year: int):
        holidays: set[int] = set()
        for y in range(first_year, last_year + 1):
            holidays |= {d.toordinal() for d in bank_holidays(y)}
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
