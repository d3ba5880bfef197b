"""The two kinds of problem a file can have.

An *unreadable* file (not well-formed, entities, wrong encoding, another return, missing columns,
empty) raises :class:`UnreadableFile` and nothing is loaded. A file that reads but breaks its
schema or code lists is loaded, and each problem is kept as a :class:`Finding` of the load.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

# A value longer than this is shown by its start and its length, never whole (an identifier of a million digits
# must not become a million-character message). The warehouse's value checks shorten values the same way.
SHOWN_CHARS, SHOWN_START = 40, 20


def shown(value: str | None) -> str | None:
    """``value`` as a finding or a message shows it: whole when short, else its start and how long it is."""
    if value is None or len(value) <= SHOWN_CHARS:
        return value
    return f"{value[:SHOWN_START]}... ({len(value):,} characters)"


@dataclass
class Problem:
    """One thing wrong with one place in one file."""

    file: str
    message: str
    line: int | None = None
    path: str | None = None
    field: str | None = None
    value: str | None = None
    expected: str | None = None

    def describe(self) -> str:
        """One line a person can act on: where, what, and what was expected."""
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.path:
            where += f", {self.path}"
        parts = [f"{where}: {self.message}"]
        if self.field:
            parts.append(f"field {self.field}")
        if self.value is not None:
            parts.append(f"value {self.value!r}")
        if self.expected:
            parts.append(f"expected {self.expected}")
        return "; ".join(parts)


class UnreadableFile(Exception):
    """A file that cannot be read at all; carries one or more problems."""

    def __init__(self, problems: list[Problem] | Problem):
        self.problems = problems if isinstance(problems, list) else [problems]
        super().__init__("\n".join(p.describe() for p in self.problems))


@dataclass
class Finding:
    """A problem kept with a load (rule ``XSD`` for structure and code lists)."""

    rule: str
    file: str
    message: str
    table: str | None = None
    row: int | None = None
    line: int | None = None
    path: str | None = None
    child: str | None = None
    field: str | None = None
    value: str | None = None

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class SourceFile:
    """A file that went into a load, with its hash."""

    name: str
    path: str
    sha256: str
    size: int
    extra: dict = field(default_factory=dict)
