"""Tables in an 80-column terminal: `clearsight measures` and `clearsight loads` fit, and no word is cut."""

from __future__ import annotations

import csv
import io
import json

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from clearsight.cli import app

YEAR = "2025-26"


@pytest.fixture(scope="module")
def council(tmp_path_factory):
    """A synthetic council of 120 children, its 903, CIN census and extract loaded; the environment."""
    root = tmp_path_factory.mktemp("narrow")
    env = {"CLEARSIGHT_DATA_DIR": str(root / "data")}
    runner = CliRunner()
    res = runner.invoke(app, ["synth", "--out", str(root / "council"), "--children", "120", "--years", YEAR,
                              "--seed", "3"], env=env)
    assert res.exit_code == 0, res.output
    for path, code in (("ssda903", "ssda903"), ("cin_census.xml", "cin"), ("cms", "cms")):
        res = runner.invoke(app, ["load", str(root / "council" / YEAR / path), "--return", code, "--year", YEAR],
                            env=env)
        assert res.exit_code == 0, res.output
    return env


def run(env, *args, columns=80) -> str:
    res = CliRunner().invoke(app, list(args), env={**env, "COLUMNS": str(columns)})
    assert res.exit_code == 0, res.output
    return res.stdout


def cells(table: str) -> tuple[list[str], list[list[str]]]:
    """A Rich table's headings and rows, each cell's wrapped lines joined by single spaces (a row starts where
    its first cell is not empty)."""
    def split(line: str, bar: str) -> list[str]:
        return [c.strip() for c in line.strip()[1:-1].split(bar)]

    head_lines = [split(x, "┃") for x in table.splitlines() if x.startswith("┃")]
    headings = [" ".join(p for p in col if p) for col in zip(*head_lines, strict=True)]
    rows: list[list[list[str]]] = []
    for line in table.splitlines():
        if not line.startswith("│"):
            continue
        parts = split(line, "│")
        if parts[0] or not rows:
            rows.append([[p] if p else [] for p in parts])
        else:
            for col, p in zip(rows[-1], parts, strict=True):
                if p:
                    col.append(p)
    return headings, [[" ".join(c) for c in row] for row in rows]


def test_measures_fit_80_columns_and_names_wrap_between_words(council):
    table = run(council, "measures")
    assert max(cell_len(x) for x in table.splitlines()) <= 80
    names = [r["name"] for r in csv.DictReader(io.StringIO(run(council, "measures", "--format", "csv")))]
    headings, rows = cells(table)
    shown = [r[headings.index("measure")] for r in rows]
    assert len(shown) == len(names) > 10
    assert shown == names  # a name cut inside a word would come back as "Re-referral s"
    assert max(len(n) for n in names) > 40  # long enough that they must wrap at 80 columns
    assert any(len(x) > 80 for x in run(council, "measures", columns=200).splitlines())


def test_measures_by_team_fit_80_columns(council):
    table = run(council, "measures", "--by", "team")
    assert max(cell_len(x) for x in table.splitlines()) <= 80
    headings, rows = cells(table)
    names = [r["name"] for r in csv.DictReader(io.StringIO(run(council, "measures", "--by", "team",
                                                                 "--format", "csv")))]
    assert [r[headings.index("measure")] for r in rows] == names


def test_loads_fit_80_columns_with_every_figure_whole(council):
    table = run(council, "loads")
    assert max(cell_len(x) for x in table.splitlines()) <= 80
    loads = json.loads(run(council, "loads", "--format", "json"))["loads"]
    headings, rows = cells(table)
    assert [r[headings.index("id")] for r in rows] == [str(x["id"]) for x in loads]
    assert [r[headings.index("rows")] for r in rows] == [f"{sum(x['rows'].values()):,}" for x in loads]
    stamps = [r[headings.index("loaded at (UTC)")] for r in rows]
    assert [s.replace(" ", "T") for s in stamps] == [x["loaded_at"][:19] for x in loads]


def test_a_monthly_series_keeps_its_period_column_and_fits_80_columns(council):
    table = run(council, "measure", "CP02", "--series", "monthly")
    lines = table.splitlines()
    assert max(cell_len(x) for x in lines[1:]) <= 80  # the first line is the definition, wrapped by the terminal
    headings, rows = cells("\n".join(lines[1:]))
    assert "period" in headings
    payload = json.loads(run(council, "measure", "CP02", "--series", "monthly", "--format", "json"))["measures"]
    assert [r[headings.index("period")] for r in rows] == [v["period"] for v in payload]
    name = next(csv.DictReader(io.StringIO(run(council, "measure", "CP02", "--format", "csv"))))["name"]
    assert {r[headings.index("measure")] for r in rows} == {name}
