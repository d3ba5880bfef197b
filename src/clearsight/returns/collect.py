"""What a parser hands to the warehouse: batches of raw text tables, plus files and findings."""

from __future__ import annotations

import importlib.abc
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pyarrow as pa

from clearsight.returns.problems import Finding, SourceFile
from clearsight.returns.spec import SourceTable

Batch = tuple[SourceTable, pa.Table]


class _RefusePandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):  # noqa: ARG002 (the finder protocol)
        if name == "pandas" or name.startswith("pandas."):
            raise ImportError("pandas is not used by Clearsight")
        return None


@contextmanager
def without_pandas() -> Iterator[None]:
    """Within the block, pandas cannot be imported, so pyarrow does not import it (0.3-0.6 s) merely to check
    that the Python lists it converts are not pandas objects.

    pyarrow looks for pandas when it converts Python objects (``pa.array``), if it is installed, only to
    recognise pandas objects; Clearsight never hands it any and does not use pandas. A command that wants to
    start fast runs inside this block. When pandas is already imported it does nothing; after the block,
    pandas can be imported again as usual.
    """
    if "pandas" in sys.modules:
        yield
        return
    refuse = _RefusePandas()
    sys.meta_path.insert(0, refuse)
    try:
        yield
    finally:
        sys.meta_path.remove(refuse)


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
    """Rows for one source table, turned into Arrow batches every so often.

    Rows are kept as tuples and turned into columns only when a batch is taken: one tuple a record
    costs far less than one append per column.
    """

    def __init__(self, spec: SourceTable):
        self.spec = spec
        self.keys = [c.source for c in spec.columns]
        self.defaults = [[] if c.kind == "list" else "" for c in spec.columns]
        self.extras = [name for name, _type in spec.extra_columns]
        self.rows: list[tuple] = []

    @property
    def n(self) -> int:
        return len(self.rows)

    def add(self, row: dict, row_no: int, line: int | None, extra: dict | None = None) -> None:
        get = row.get
        values = [get(k, d) for k, d in zip(self.keys, self.defaults, strict=True)]
        if self.extras:
            values += [(extra or {}).get(name) for name in self.extras]
        values.append(row_no)
        values.append(line)
        self.rows.append(tuple(values))

    def take(self) -> pa.Table | None:
        if not self.rows:
            return None
        columns = list(zip(*self.rows, strict=True))
        self.rows = []
        arrays, names = [], []
        i = 0
        for c in self.spec.columns:
            typ = pa.list_(pa.string()) if c.kind == "list" else pa.string()
            arrays.append(pa.array(columns[i], typ))
            names.append(c.source)
            i += 1
        for name in [*self.extras, "_row", "_line"]:
            arrays.append(pa.array(columns[i], pa.int64()))
            names.append(name)
            i += 1
        return pa.Table.from_arrays(arrays, names=names)


def drain(buffers: dict[str, ColumnBuffer]) -> Iterator[Batch]:
    """Yield each buffer's pending rows as a batch."""
    for buf in buffers.values():
        table = buf.take()
        if table is not None:
            yield buf.spec, table
