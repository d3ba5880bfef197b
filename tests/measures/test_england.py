"""England's figures: one reference file (reference/measures/england.csv), cited, in range, and what the registry
gives every measure."""

import csv
import math
from pathlib import Path

import pytest

from clearsight.measures import england
from clearsight.measures.registry import HEADLINE_DEFAULT, all_measures


def _raw_rows() -> list[dict]:
    with england.PATH.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_the_file_has_the_documented_columns_and_one_row_per_known_measure():
    rows = _raw_rows()
    assert tuple(rows[0].keys()) == england.COLUMNS
    ids = [r["measure"] for r in rows]
    assert len(ids) == len(set(ids)), "a measure has two rows"
    unknown = set(ids) - set(all_measures())
    assert not unknown, f"rows for measures that do not exist: {sorted(unknown)}"


@pytest.mark.parametrize("mid", HEADLINE_DEFAULT)
def test_every_headline_measure_has_a_cited_england_figure(mid):
    fig = england.figure(mid)
    assert fig is not None, f"{mid} has no row in england.csv"
    assert fig.value is not None, f"{mid} has no England figure"
    assert fig.period and fig.table and fig.release, f"{mid}: period, release and table are needed"
    assert fig.url.startswith(("https://", "http://")), f"{mid}: url {fig.url!r}"


@pytest.mark.parametrize("mid", sorted(england.figures()))
def test_every_figure_is_cited_and_in_range_for_its_unit(mid):
    fig = england.figure(mid)
    m = all_measures()[mid]
    if fig.value is None:
        assert fig.note, f"{mid}: a row without a value says why"
        return
    assert fig.period and fig.release and fig.table and fig.url, f"{mid}: a figure needs its period and source"
    assert math.isfinite(fig.value)
    if m.unit == "proportion":
        assert 0 <= fig.value <= 1, f"{mid}: a proportion is a fraction, not {fig.value}"
    elif m.unit == "rate_per_10000":
        assert 0 <= fig.value <= 10000
    else:
        assert fig.value >= 0
    for bound in (fig.la_lowest, fig.la_highest):
        if bound is not None and m.unit == "proportion":
            assert 0 <= bound <= 1
    if fig.la_lowest is not None and fig.la_highest is not None:
        assert fig.la_lowest <= fig.value <= fig.la_highest, f"{mid}: England outside the councils' range"
        assert fig.la_period


def test_the_headline_measures_carry_the_range_across_english_councils_where_the_table_has_it():
    """The synthetic council is calibrated to sit inside these; a table without council rows stored is named."""
    without = {mid for mid in HEADLINE_DEFAULT if england.figure(mid).la_lowest is None}
    assert without == {"CIN05", "CP06"}, without


def test_a_derived_proportion_matches_its_numerator_and_denominator():
    """Where the derivation gives 'N of D', the value is N / D to the published rounding."""
    import re

    checked = 0
    for fig in england.figures().values():
        found = re.search(r"([\d,]+(?:\.\d+)?) of ([\d,]+(?:\.\d+)?)", fig.derivation)
        if fig.value is None or not found or all_measures()[fig.measure].unit != "proportion":
            continue
        num, den = (float(x.replace(",", "")) for x in found.groups())
        assert abs(num / den - fig.value) < 0.006, (fig.measure, num, den, fig.value)
        checked += 1
    assert checked >= 5


def test_the_registry_gives_each_measure_englands_figure_from_the_file():
    measures = all_measures()
    for mid, m in measures.items():
        fig = england.figure(mid)
        if fig is None:
            assert m.england is None and m.england_source == "", mid
            continue
        assert m.england == fig.value, mid
        assert m.england is None or isinstance(m.england, float)
        assert m.england_period == (fig.period if fig.value is not None else "")
        assert m.england_note == england.shown_note(fig)
        assert m.england_source == (fig.source if fig.value is not None else "")


def test_the_definitions_carry_no_england_literals():
    defs = Path(england.__file__).parent / "defs"
    for path in defs.glob("*.py"):
        text = path.read_text()
        for keyword in ("england=", "england_period=", "england_note="):
            assert keyword not in text, f"{path.name} still sets {keyword}"


def test_a_malformed_value_names_the_file_line_and_field(tmp_path, monkeypatch):
    bad = tmp_path / "england.csv"
    bad.write_text(",".join(england.COLUMNS) + "\nCIN02,22.6%,2024-25,r,t,https://x,,,,,\n", encoding="utf-8")
    monkeypatch.setattr(england, "PATH", bad)
    england.figures.cache_clear()
    try:
        with pytest.raises(ValueError, match=r"england.csv line 2 field value: '22.6%'"):
            england.figures()
    finally:
        england.figures.cache_clear()


def test_the_measures_doc_and_status_cite_the_source():
    from clearsight.measures.docs import render
    from clearsight.measures.status import measure_status

    fig = england.figure("CP06")
    assert f"**England source**: {fig.source} ({fig.url})" in render()
    item = next(it for it in measure_status() if it["id"] == "CP06")
    assert item["england"] == fig.value and item["england_url"] == fig.url and item["england_source"] == fig.source


def test_measures_list_gives_each_figures_source_and_one_measure_prints_it(tmp_path):
    import json

    from typer.testing import CliRunner

    from clearsight.cli import app
    from clearsight.cli.measures import england_line

    res = CliRunner().invoke(app, ["measures", "list", "--format", "json"],
                             env={"CLEARSIGHT_DATA_DIR": str(tmp_path)})
    assert res.exit_code == 0, res.output
    item = next(it for it in json.loads(res.stdout)["measures"] if it["id"] == "CP05")
    fig = england.figure("CP05")
    assert (item["england"], item["england_period"]) == (fig.value, fig.period)
    assert (item["england_source"], item["england_url"]) == (fig.source, fig.url)
    m = all_measures()["CP05"]
    assert england_line(m) == f"England: 24.5% (2024-25). Source: {fig.source}, {fig.url}"
    assert england_line(all_measures()["CP08"]).startswith("England: no figure; no national figure published")
