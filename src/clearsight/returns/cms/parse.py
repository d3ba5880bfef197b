"""The case-management extract: a folder of CSVs whose contract is ``docs/cms-extract.md``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from clearsight.returns.cms.spec import CMS_TABLES
from clearsight.returns.collect import Batch, Collector
from clearsight.returns.csvfiles import read_csv_table
from clearsight.returns.problems import Problem, UnreadableFile
from clearsight.returns.ssda903.spec import ssda903_tables


def parse_cms(path: Path, year: str, out: Collector) -> Iterator[Batch]:
    """Every CSV in the folder (or the one CSV given), each recognised by its column set."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv")
        others = sorted(p.name for p in path.iterdir() if p.is_file() and p.suffix.lower() != ".csv")
        if others:
            out.meta["ignored_files"] = others
    else:
        files = [path]
    if not files:
        raise UnreadableFile(Problem(path.name, "contains no .csv files", expected="the case-management extract CSVs"))
    seen: dict[str, str] = {}
    batches = []
    for f in files:
        raw = read_csv_table(f, CMS_TABLES, "case-management extract",
                             other_returns={"SSDA903": ssda903_tables(year)})
        if raw.spec.name in seen:
            raise UnreadableFile(Problem(f.name, f"is a second {raw.spec.name} table (the first was {seen[raw.spec.name]})",
                                         expected="one file per table"))
        seen[raw.spec.name] = f.name
        out.files.append(raw.file)
        batches.append((raw.spec, raw.data))
    out.meta["tables"] = seen
    return iter(batches)
