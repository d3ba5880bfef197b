"""The publish gate: a doubtful load is held (kept, not current) until someone publishes or discards it, and
nothing people see changes until then; every decision is logged with who, when and why."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from clearsight import pipeline
from clearsight.warehouse import catalog


def measures(run) -> dict:
    res = run.cli("measures", "--year", "2025-26", "--format", "json")
    assert res.returncode == 0, res.stderr
    return json.loads(res.stdout)


def web_figures(data: Path) -> dict:
    """What the web app's dashboards are made from (its data function, on the warehouse file)."""
    from clearsight.web.data import compute_aggregates

    return compute_aggregates(data / "warehouse.duckdb")


def loads(run) -> dict[int, dict]:
    res = run.cli("loads", "--format", "json")
    assert res.returncode == 0, res.stderr
    return {item["id"]: item for item in json.loads(res.stdout)["loads"]}


def ask(data: Path, fn, *args):
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        return fn(con, *args)
    finally:
        con.close()


def held_load(run, res) -> tuple[int, str]:
    """The load id and the reason of a held load's message (which must be exactly the documented line)."""
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    found = re.search(r"^held for review: load (\d+) ", res.stdout, re.M)
    assert found, res.stdout
    load_id = int(found.group(1))
    line = run.held_message(load_id).search(res.stdout)
    assert line, res.stdout
    return load_id, line.group(1)


def test_a_census_failing_the_schema_for_every_child_is_held_and_nothing_changes_until_published(
        run, council, data, tmp_path):
    before_measures, before_web = measures(run), web_figures(data)
    current = ask(data, catalog.current_load, "cin", "2025-26")
    bad = run.census_failing_the_schema(council / "2025-26" / "cin_census.xml", tmp_path / "cin.xml")

    res = run.cli("load", str(bad), "--return", "cin", "--year", "2025-26")
    load_id, reason = held_load(run, res)
    assert re.search(r"schema or value findings on ([\d,]+) of its \1 children \(100%", reason), reason
    assert "Referrals in the year 2025-26" in reason  # the stage count moved too
    # The preview: children at each stage and the headline measures, before and after, and the findings.
    assert "Children at each stage, 2025-26" in res.stdout and "Headline measures, 2025-26" in res.stdout
    assert f"replacing load {current}" in res.stdout

    assert loads(run)[load_id]["status"] == "held"
    assert ask(data, catalog.current_load, "cin", "2025-26") == current
    assert measures(run) == before_measures
    assert web_figures(data) == before_web
    preview = pipeline.preview(load_id, data / "warehouse.duckdb")
    assert preview.replaces == current and preview.records_with_findings == preview.records
    referrals = next(s for s in preview.stages if s.stage == "Referrals in the year")
    assert referrals.before > 0 and referrals.after == 0
    assert {m.id for m in preview.measures} >= {"CIN02", "CP02"}

    res = run.cli("publish", str(load_id), "--reason", "checked with the CIN team")
    assert res.returncode == 0, res.stderr
    assert f"published load {load_id} (cin 2025-26); it was held" in res.stdout
    assert ask(data, catalog.current_load, "cin", "2025-26") == load_id
    assert loads(run)[load_id]["status"] == "published"
    assert measures(run) != before_measures
    assert web_figures(data)["values"]["CIN02"] != before_web["values"]["CIN02"]
    decisions = ask(data, catalog.load_decisions, load_id)
    assert [d.decision for d in decisions] == ["held", "published"]
    assert decisions[0].reason == reason and decisions[1].reason == "checked with the CIN team"
    assert all(d.decided_by and d.decided_at for d in decisions)


def test_a_held_load_can_be_discarded_and_its_files_loaded_again(run, council, data, tmp_path):
    before = measures(run)
    current = ask(data, catalog.current_load, "cin", "2025-26")
    bad = run.census_failing_the_schema(council / "2025-26" / "cin_census.xml", tmp_path / "cin.xml")
    load_id, _reason = held_load(run, run.cli("load", str(bad), "--return", "cin", "--year", "2025-26"))

    again = run.cli("load", str(bad), "--return", "cin", "--year", "2025-26")  # the same files: the same held load
    assert held_load(run, again)[0] == load_id and "Already loaded (same files)" in again.stdout

    no_reason = run.cli("discard", str(load_id))
    assert no_reason.returncode == 2 and "--reason" in no_reason.stderr
    res = run.cli("discard", str(load_id), "--reason", "the wrong file")
    assert res.returncode == 0, res.stderr
    assert f"discarded load {load_id} (cin 2025-26); load {current} stays current" in res.stdout
    assert loads(run)[load_id]["status"] == "discarded"
    assert ask(data, catalog.current_load, "cin", "2025-26") == current
    assert measures(run) == before
    assert [(d.decision, d.reason) for d in ask(data, catalog.load_decisions, load_id)][-1] == (
        "discarded", "the wrong file")

    for args, message in ((("discard", str(load_id), "--reason", "x"), f"load {load_id} is already discarded"),
                          (("discard", str(current), "--reason", "x"), f"load {current} is published; only a load "
                                                                        "held for review can be discarded"),
                          (("publish", "999", "--reason", "x"), "there is no load 999")):
        refused = run.cli(*args)
        assert refused.returncode == 2 and message in " ".join(refused.stderr.split()), refused.stderr
        assert "Traceback" not in refused.stderr

    # Discarded files load anew, and are judged anew.
    newer, _ = held_load(run, run.cli("load", str(bad), "--return", "cin", "--year", "2025-26"))
    assert newer > load_id


def test_publish_at_load_publishes_whatever_the_gate_says_and_logs_it(run, council, data, tmp_path):
    bad = run.census_failing_the_schema(council / "2025-26" / "cin_census.xml", tmp_path / "cin.xml")
    res = run.cli("load", str(bad), "--return", "cin", "--year", "2025-26", "--publish")
    assert res.returncode == 0, res.stderr
    assert "held for review" not in res.stdout
    assert "published at once (--publish); the publish gate would have held it: schema or value findings" in \
        " ".join(res.stdout.split())
    load_id = max(loads(run))
    assert loads(run)[load_id]["status"] == "published"
    assert ask(data, catalog.current_load, "cin", "2025-26") == load_id
    (decision,) = ask(data, catalog.load_decisions, load_id)
    assert decision.decision == "published" and decision.reason.startswith("published at once (--publish)")


def _keep_children(folder: Path, target: Path, share: float) -> Path:
    """A copy of a 903 folder keeping only the first ``share`` of its children, in every file."""
    target.mkdir()
    header = (folder / "header.csv").read_text().splitlines()
    keep = {line.split(",")[0] for line in header[1:int(1 + share * (len(header) - 1))]}
    for f in folder.iterdir():
        lines = f.read_text().splitlines()
        (target / f.name).write_text("\n".join([lines[0], *[x for x in lines[1:] if x.split(",")[0] in keep]]) + "\n")
    return target


def test_a_return_much_smaller_than_the_one_it_replaces_is_held(run, council, data, tmp_path):
    half = _keep_children(council / "2025-26" / "ssda903", tmp_path / "903", 0.5)
    _load_id, reason = held_load(run, run.cli("load", str(half), "--return", "ssda903", "--year", "2025-26"))
    assert re.search(r"[\d,]+ rows, fewer than 80% of the [\d,]+ of load \d+, which it would replace", reason), reason
    assert "Looked after at 31 March 2025-26" in reason


def test_a_return_missing_a_table_the_replaced_load_had_is_held(run, council, data, tmp_path):
    folder = tmp_path / "903"
    shutil.copytree(council / "2025-26" / "ssda903", folder)
    (folder / "missing.csv").unlink()
    _load_id, reason = held_load(run, run.cli("load", str(folder), "--return", "ssda903", "--year", "2025-26"))
    assert re.search(r"missing or empty: cla_missing \(load \d+ had [\d,]+ rows\)", reason), reason


def test_the_thresholds_are_council_settings(run, council, data, tmp_path):
    text = (council / "2025-26" / "cin_census.xml").read_text()
    bad, n = re.subn(r"<PersonBirthDate>(\d{4})-(\d{2})-(\d{2})<", r"<PersonBirthDate>\3/\2/\1<", text)
    assert n > 100
    (tmp_path / "cin.xml").write_text(bad)
    pipeline.set_council_settings({"gate_findings_share": "1.0"})
    res = run.cli("load", str(tmp_path / "cin.xml"), "--return", "cin", "--year", "2025-26")
    assert res.returncode == 0 and "held for review" not in res.stdout, res.stdout
    assert loads(run)[max(loads(run))]["status"] == "published"
    pipeline.set_council_settings({"gate_findings_share": "lots"})
    with pytest.raises(ValueError, match="gate_findings_share must be a number"):
        ask(data, catalog.gate_thresholds)


def test_council_set_records_the_thresholds_and_refuses_nonsense(run, data):
    res = run.cli("council", "set", "--gate-findings-share", "0.05", "--gate-measure-z", "2.58")
    assert res.returncode == 0, res.stderr
    assert "gate_findings_share: 0.05" in res.stdout and "gate_measure_z: 2.58" in res.stdout
    assert ask(data, catalog.gate_thresholds).findings_share == 0.05
    res = run.cli("council", "set", "--gate-rows-share", "80")
    assert res.returncode == 2 and "--gate-rows-share is a share between 0 and 1, not 80" in res.stderr, res.stderr
    assert ask(data, catalog.gate_thresholds).rows_share == 0.80  # nothing recorded
    pipeline.set_council_settings({"gate_findings_share": "0.02", "gate_measure_z": "3.090232"})


def test_loads_counts_the_findings_validate_finds(run, data):
    listed = loads(run)
    for load_id, item in listed.items():
        if item["return"] not in ("ssda903", "cin") or item["year"] != "2025-26":
            continue
        res = run.cli("validate", item["return"], "--load", str(load_id), "--format", "json")
        assert res.returncode == 0, res.stderr
        found = len(json.loads(res.stdout)["findings"])
        counts = ask(data, catalog.finding_counts, load_id)
        assert counts.get("rule", 0) == found
        assert item["findings"] == found + counts.get("schema", 0) + counts.get("values", 0)


def test_the_demo_ends_with_every_load_published(run, tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(tmp_path / "demo"))
    res = run.cli("demo", "--no-serve", "--children", "300")
    assert res.returncode == 0, res.stderr
    assert "held for review" not in res.stdout
    listed = loads(run)
    from clearsight.demo import demo_years, loadable
    from clearsight.synth.run import RETURN_FILES

    expected = sum(1 for y in demo_years() for code in RETURN_FILES if loadable(code, y))
    assert expected == 23  # three years of four returns, and the history years' returns the loader reads
    assert len(listed) == expected and {item["status"] for item in listed.values()} == {"published"}
    assert any(item["findings"] for item in listed.values())  # the DfE rules' findings are kept with the loads
