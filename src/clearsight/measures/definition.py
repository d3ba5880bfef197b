"""What a measure is: one declarative definition with a little SQL.

A measure's SQL runs against the warehouse's history views (``hist_*``: every current load of every
year, each record once) and a table ``periods(period, start_day, end_day)``. It returns one row per
unit counted (a referral, a child, a plan) and period, with columns:

- ``period``: the period the row counts in (join to ``periods``);
- ``num``: the numerator contribution (1/0 for proportions and counts, days for durations);
- ``den``: the denominator contribution (1/0), NULL for counts and rates;
- any of the dimensions it supports, from ``DIMENSIONS``.

The engine aggregates (sum, or median for medians) by period and by the dimension asked for, and
computes the value in the measure's unit, its 95% interval and how it compares with England.

A measure that looks back before the period (re-referrals within 12 months, placements in the 2.5 years to the
last day) declares its ``lookback``; the engine marks a period whose look-back the loaded returns do not cover
as ``incomplete`` (see ``clearsight.measures.history.coverage``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from clearsight.measures.england import EnglandFigure, figure, shown_note

UNITS = ("proportion", "count", "days", "rate_per_10000", "score")
DIMENSIONS = ("team", "worker", "age_band", "sex", "ethnicity", "disability", "legal_status", "placement_type")
AGGREGATES = ("sum", "median", "mean")


SPAN_UNITS = ("DAY", "MONTH", "YEAR")
ANCHORS = ("start", "end")


@dataclass(frozen=True)
class Lookback:
    """How far before the period a measure looks: ``span`` (a DuckDB interval, ``12 MONTH``; None for no limit:
    every earlier record) before the period's first day (``anchor="start"``: each unit counted in the period looks
    back from its own day) or before its last day (``anchor="end"``: a snapshot on the last day).

    ``what`` says it in plain English ("re-referrals look back 12 months"). ``carried`` names the field of a return
    that carries the history itself (the CIN census's NumberOfPreviousCPP), so loaded history need not cover it.
    ``returns`` are the returns whose history is read (default: the measure's ``needs``).
    """

    span: str | None
    what: str
    anchor: str = "start"
    carried: str = ""
    returns: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.anchor not in ANCHORS:
            raise ValueError(f"look-back anchor {self.anchor!r} is not one of {ANCHORS}")
        if self.span is not None:
            parts = self.span.split()
            if len(parts) != 2 or not parts[0].isdigit() or parts[1] not in SPAN_UNITS:
                raise ValueError(f"look-back span {self.span!r} should be like '12 MONTH', '2 YEAR' or '14 DAY'")

    @property
    def amount(self) -> tuple[int, str] | None:
        """``(12, "MONTH")`` for ``12 MONTH``; None for no limit."""
        if self.span is None:
            return None
        n, unit = self.span.split()
        return int(n), unit


@dataclass(frozen=True)
class Measure:
    id: str
    name: str
    definition: str  # plain English, as a board member would read it
    unit: str
    higher_is_better: bool | None  # None where neither direction is better (e.g. a count of referrals)
    population: str
    numerator: str  # plain-English description of the numerator
    denominator: str  # plain-English description of the denominator ("" for counts)
    sql: str
    dimensions: tuple[str, ...] = ()
    # England's figure in the measure's unit (a proportion as a fraction), its period and note: filled by the
    # definition itself, when it is made, from reference/measures/england.csv (clearsight.measures.england), not
    # written in the definitions: a measure imported from its module and one from the registry are the same.
    england: float | None = None
    england_period: str = ""
    england_note: str = ""
    needs: tuple[str, ...] = ()  # returns needed: "cin", "ssda903", "cms", "csww"
    aggregate: str = "sum"
    lookback: Lookback | None = None  # None: the measure reads nothing before the period

    @property
    def annual(self) -> bool:
        """A snapshot of a collection year (OC2, OC3, the workforce census): values for collection years only."""
        return bool(re.search(r"\.year\s*=\s*p\.period\b", self.sql))

    @property
    def england_figure(self) -> EnglandFigure | None:
        """England's row of the reference file: source table, address and the range across councils."""
        return figure(self.id)

    @property
    def england_source(self) -> str:
        """The release and table England's figure comes from, or "" where there is none."""
        fig = figure(self.id)
        return fig.source if fig is not None and fig.value is not None else ""

    def __post_init__(self) -> None:
        fig = figure(self.id)
        if fig is not None and self.england is None and not self.england_note:
            object.__setattr__(self, "england", fig.value)
            object.__setattr__(self, "england_period", fig.period if fig.value is not None else "")
            object.__setattr__(self, "england_note", shown_note(fig))
        if self.unit not in UNITS:
            raise ValueError(f"{self.id}: unit {self.unit!r} is not one of {UNITS}")
        unknown = set(self.dimensions) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"{self.id}: unknown dimensions {sorted(unknown)}")
        if self.aggregate not in AGGREGATES:
            raise ValueError(f"{self.id}: aggregate {self.aggregate!r}")
