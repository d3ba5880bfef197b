"""England's published figure for each measure, read from one reference file.

``reference/measures/england.csv`` holds, for each measure, England's figure in the measure's unit (a proportion
as a fraction), its period, the DfE release and table it comes from (with the address), how it was derived, and
the lowest and highest English council values in the same table where they are published. A measure with no
national figure has a row with a blank value and a note saying why. The registry copies the figure, period and
note onto each measure (``Measure.england``, ``england_period``, ``england_note``); :func:`figure` gives the rest.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache

from clearsight.config import REFERENCE_DIR

PATH = REFERENCE_DIR / "measures" / "england.csv"
COLUMNS = ("measure", "value", "period", "release", "table", "url", "derivation", "note",
           "la_lowest", "la_highest", "la_period")


@dataclass(frozen=True)
class EnglandFigure:
    measure: str
    value: float | None  # in the measure's unit; None where England has no published figure
    period: str
    release: str
    table: str
    url: str
    derivation: str
    note: str
    la_lowest: float | None
    la_highest: float | None
    la_period: str

    @property
    def source(self) -> str:
        """One line citing the release and table (``Children in need 2025, table D7 ...``)."""
        return "; ".join(part for part in (self.release, self.table) if part)


def _number(text: str, where: str) -> float | None:
    text = text.strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a number") from None


@cache
def figures() -> dict[str, EnglandFigure]:
    """Every row of the reference file, by measure id."""
    out: dict[str, EnglandFigure] = {}
    with PATH.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise ValueError(f"{PATH}: columns {reader.fieldnames} are not {list(COLUMNS)}")
        for line, row in enumerate(reader, start=2):
            where = f"{PATH.name} line {line}"
            mid = row["measure"].strip()
            if mid in out:
                raise ValueError(f"{where}: measure {mid} has two rows")
            out[mid] = EnglandFigure(
                measure=mid, value=_number(row["value"], f"{where} field value"),
                period=row["period"].strip(), release=row["release"].strip(), table=row["table"].strip(),
                url=row["url"].strip(), derivation=row["derivation"].strip(), note=row["note"].strip(),
                la_lowest=_number(row["la_lowest"], f"{where} field la_lowest"),
                la_highest=_number(row["la_highest"], f"{where} field la_highest"),
                la_period=row["la_period"].strip())
    return out


def figure(measure_id: str) -> EnglandFigure | None:
    """England's figure (and its source and council range) for a measure, or None if the file has no row."""
    return figures().get(measure_id)


def shown_note(fig: EnglandFigure | None) -> str:
    """The note shown beside England's figure: the derivation and any note, joined."""
    if fig is None:
        return ""
    return "; ".join(part for part in (fig.derivation, fig.note) if part)
