"""Writing a case-management extract: one CSV file a table, each headed by the table's columns."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from clearsight.returns.cms.spec import CMS_TABLES


@contextmanager
def cms_csv_writers(folder: Path) -> Iterator[dict]:
    """Open every table's file in ``folder`` (its header written); yield ``{table: csv writer}``; close them.

    Rows are lists of strings in the table's column order (``CMS_TABLES[table].source_columns``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    try:
        writers = {}
        for name, table in CMS_TABLES.items():
            fh = open(folder / table.file_name, "w", newline="", encoding="utf-8")  # noqa: SIM115 - closed below
            files.append(fh)
            writers[name] = csv.writer(fh, lineterminator="\n")
            writers[name].writerow(table.source_columns)
        yield writers
    finally:
        for fh in files:
            fh.close()
