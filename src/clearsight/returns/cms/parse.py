"""The case-management extract: a folder of CSVs whose contract is ``docs/cms-extract.md``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from clearsight.returns.cms.spec import CMS_TABLES
from clearsight.returns.collect import Batch, Collector
from clearsight.returns.csvfiles import folder_csv_files, read_csv_return
from clearsight.returns.ssda903.spec import ssda903_tables


def parse_cms(path: Path, year: str, out: Collector) -> Iterator[Batch]:
    """Every CSV in the folder, each recognised by its column set; the spec's required tables must be there."""
    files = folder_csv_files(path, "the case-management extract CSVs", out) if path.is_dir() else [path]
    return iter(read_csv_return(path, files, CMS_TABLES, "case-management extract", out,
                                other_returns={"SSDA903": ssda903_tables(year)}))
