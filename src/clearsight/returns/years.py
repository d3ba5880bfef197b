"""The collection year of a statutory return: ``2024-25`` runs from 1 April 2024 to 31 March 2025.

Every place that parses, formats or shifts a year uses :class:`CollectionYear`; nothing else splits
``"2024-25"`` or writes ``-04-01`` by hand. The reference date of the annual returns (SSDA903, the CIN
census) is the last day, 31 March.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

_FORM = re.compile(r"(\d{4})-(\d{2})")


@dataclass(frozen=True, order=True)
class CollectionYear:
    """A collection year, identified by the calendar year of its 31 March (``2024-25`` ends in 2025)."""

    ending: int

    def __post_init__(self) -> None:
        if not 1901 <= self.ending <= 9999:
            raise ValueError(f"collection year ending {self.ending} is out of range")

    # ---------------------------------------------------------------- making one
    @classmethod
    def parse(cls, text: str | CollectionYear) -> CollectionYear:
        """``"2024-25"`` → ``CollectionYear(2025)``; anything else is a ``ValueError`` saying the form."""
        if isinstance(text, CollectionYear):
            return text
        m = _FORM.fullmatch(str(text).strip())
        if not m or (int(m.group(1)) + 1) % 100 != int(m.group(2)):
            raise ValueError(f"collection year {text!r} should look like 2024-25")
        return cls(int(m.group(1)) + 1)

    @classmethod
    def containing(cls, day: date) -> CollectionYear:
        """The collection year whose 1 April to 31 March holds ``day``."""
        return cls(day.year + 1 if day.month >= 4 else day.year)

    @classmethod
    def span(cls, first: str | CollectionYear, last: str | CollectionYear) -> list[CollectionYear]:
        """Every year from ``first`` to ``last`` inclusive (``2023-24..2025-26``); empty if reversed."""
        a, b = cls.parse(first), cls.parse(last)
        return [cls(e) for e in range(a.ending, b.ending + 1)]

    # ---------------------------------------------------------------- reading it
    @property
    def label(self) -> str:
        """``"2024-25"``."""
        return f"{self.ending - 1}-{self.ending % 100:02d}"

    def __str__(self) -> str:
        return self.label

    @property
    def start_year(self) -> int:
        """The calendar year of 1 April (2024 for 2024-25)."""
        return self.ending - 1

    @property
    def first_day(self) -> date:
        """1 April of the first calendar year."""
        return date(self.ending - 1, 4, 1)

    @property
    def last_day(self) -> date:
        """31 March of the second calendar year."""
        return date(self.ending, 3, 31)

    @property
    def reference_date(self) -> date:
        """The annual returns' reference date: 31 March, the year's last day."""
        return self.last_day

    def __contains__(self, day: date) -> bool:
        return self.first_day <= day <= self.last_day

    # ---------------------------------------------------------------- moving it
    def shift(self, years: int) -> CollectionYear:
        return CollectionYear(self.ending + years)

    @property
    def previous(self) -> CollectionYear:
        return self.shift(-1)

    @property
    def next(self) -> CollectionYear:
        return self.shift(1)

    def back(self, n: int) -> Iterator[CollectionYear]:
        """This year and the ``n - 1`` before it, newest first."""
        for i in range(n):
            yield self.shift(-i)


def label(year: str | CollectionYear) -> str:
    """The canonical label of a year given as text or as a :class:`CollectionYear` (validating it)."""
    return CollectionYear.parse(year).label
