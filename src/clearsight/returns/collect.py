"""What a parser hands to the warehouse: batches of raw text tables, plus files and findings."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import pyarrow as pa

from clearsight.returns.problems import Finding, SourceFile
from clearsight.returns.spec import SourceTable

Batch = tuple[SourceTable, pa.Table]


@dataclass
class Collector:
    """Gathers the files read and the findings made while a parser streams its batches."""

    files: list[SourceFile] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    meta: dict = field(default_factory=dict)
    progress: object | None = None  # callable(done_bytes, total_bytes) or None

    def report(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress(done, total)  # type: ignore[operator]


class ColumnBuffer:
    """Column lists for one source table, turned into Arrow batches every so often."""

    def __init__(self, spec: SourceTable):
        self.spec = spec
        self.cols: dict[str, list] = defaultdict(list)
        self.n = 0

    def add(self, row: dict, row_no: int, line: int | None, extra: dict | None = None) -> None:
        for c in self.spec.columns:
            self.cols[c.source].append(row.get(c.source, [] if c.kind == "list" else ""))
        for name, _type in self.spec.extra_columns:
            self.cols[name].append((extra or {}).get(name))
        self.cols["_row"].append(row_no)
        self.cols["_line"].append(line)
        self.n += 1

    def take(self) -> pa.Table | None:
        if not self.n:
            return None
        arrays, names = [], []
        for c in self.spec.columns:
            typ = pa.list_(pa.string()) if c.kind == "list" else pa.string()
            arrays.append(pa.array(self.cols[c.source], typ))
            names.append(c.source)
        for name, _type in self.spec.extra_columns:
            arrays.append(pa.array(self.cols[name], pa.int64()))
            names.append(name)
        arrays.append(pa.array(self.cols["_row"], pa.int64()))
        names.append("_row")
        arrays.append(pa.array(self.cols["_line"], pa.int64()))
        names.append("_line")
        self.cols = defaultdict(list)
        self.n = 0
        return pa.Table.from_arrays(arrays, names=names)


def drain(buffers: dict[str, ColumnBuffer]) -> Iterator[Batch]:
    """Yield each buffer's pending rows as a batch."""
    for buf in buffers.values():
        table = buf.take()
        if table is not None:
            yield buf.spec, table
