"""What a measure is: one declarative definition with a little SQL.

A measure's SQL runs against the warehouse's history views (``hist_*``: every current load of every
year, each record once) and a table ``periods(period, start_day, end_day)``. It returns one row per
unit counted (a referral, a child, a plan) and period, with columns:

- ``period``: the period the row counts in (join to ``periods``);
- ``num``: the numerator contribution (1/0 for proportions and counts, days for durations);
- ``den``: the denominator contribution (1/0), NULL for counts and rates;
- any of the dimensions it supports, from ``DIMENSIONS``.

The engine aggregates (sum, or median for medians) by period and by the dimension asked for, and
computes the value in the measure's unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from clearsight.measures.england import EnglandFigure, figure

UNITS = ("proportion", "count", "days", "rate_per_10000", "score")
DIMENSIONS = ("team", "worker", "age_band", "sex", "ethnicity", "disability", "legal_status", "placement_type")
AGGREGATES = ("sum", "median", "mean")


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
    # registry from reference/measures/england.csv (clearsight.measures.england), not written in the definitions.
    england: float | None = None
    england_period: str = ""
    england_note: str = ""
    needs: tuple[str, ...] = ()  # returns needed: "cin", "ssda903", "cms", "csww"
    aggregate: str = "sum"

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
        if self.unit not in UNITS:
            raise ValueError(f"{self.id}: unit {self.unit!r} is not one of {UNITS}")
        unknown = set(self.dimensions) - set(DIMENSIONS)
        if unknown:
            raise ValueError(f"{self.id}: unknown dimensions {sorted(unknown)}")
        if self.aggregate not in AGGREGATES:
            raise ValueError(f"{self.id}: aggregate {self.aggregate!r}")
