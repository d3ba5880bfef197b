"""Loads are versioned, idempotent and atomic, and survive a killed process unchanged."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from clearsight.warehouse.load import list_loads, load_return

HEADER = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n"
EPISODES = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"


def write_903(folder: Path, children: int = 3, dob: str = "01/02/2015") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "header.csv").write_text(HEADER + "".join(
        f"C{i},M,{dob},WBRI,A12345678901{i % 10},,\n" for i in range(children)))
    (folder / "episodes.csv").write_text(EPISODES + "".join(
        f"C{i},2024-05-0{1 + i % 9},S,C2,N1,U1,PR1,,,,SW1A 1AA,SW1A 2AA,SC123456\n" for i in range(children)))
    return folder


def cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "clearsight.cli", *args], capture_output=True, text=True,
                          env=env or os.environ.copy())


def warehouse_rows(data_dir: Path) -> dict[str, int]:
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchall()[0][0]
                for t in ("loads", "load_files", "load_findings", "cla_header", "cla_episodes")}
    finally:
        con.close()


def test_a_load_records_files_hashes_and_rows(tmp_path, data_dir):
    folder = write_903(tmp_path / "903")
    res = load_return(folder, "ssda903", "2024-25")
    assert res.created
    assert res.rows == {"cla_header": 3, "cla_episodes": 3}
    assert sorted(f["name"] for f in res.files) == ["episodes.csv", "header.csv"]
    assert all(len(f["sha256"]) == 64 for f in res.files)


def test_dates_in_both_forms_become_the_same_date(tmp_path, data_dir):
    load_return(write_903(tmp_path / "a", 1, "01/02/2015"), "ssda903", "2024-25")
    load_return(write_903(tmp_path / "b", 1, "2015-02-01"), "ssda903", "2023-24")
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    dobs = {r[0] for r in con.execute("SELECT dob FROM cla_header").fetchall()}
    con.close()
    assert len(dobs) == 1 and str(dobs.pop()) == "2015-02-01"


def test_same_files_again_give_the_same_load(tmp_path, data_dir):
    folder = write_903(tmp_path / "903")
    first = load_return(folder, "ssda903", "2024-25")
    before = warehouse_rows(data_dir)
    # The same content under another name is still the same load.
    (folder / "header.csv").rename(folder / "HEADER_2025.csv")
    again = load_return(folder, "ssda903", "2024-25")
    assert not again.created and again.load_id == first.load_id
    assert warehouse_rows(data_dir) == before


def test_a_changed_file_makes_a_new_version_and_years_sit_side_by_side(tmp_path, data_dir):
    folder = write_903(tmp_path / "903", 3)
    v1 = load_return(folder, "ssda903", "2024-25")
    write_903(folder, 4)
    v2 = load_return(folder, "ssda903", "2024-25")
    other_year = load_return(write_903(tmp_path / "prev", 2), "ssda903", "2023-24")
    assert len({v1.load_id, v2.load_id, other_year.load_id}) == 3
    con = duckdb.connect(str(data_dir / "warehouse.duckdb"), read_only=True)
    current = con.execute("SELECT year, count(*) FROM current_cla_header GROUP BY year ORDER BY year").fetchall()
    total = con.execute("SELECT count(*) FROM cla_header").fetchall()[0][0]
    con.close()
    assert current == [("2023-24", 2), ("2024-25", 4)]
    assert total == 3 + 4 + 2  # older versions are kept, not overwritten


def test_loads_json_has_the_documented_shape(tmp_path, data_dir):
    load_return(write_903(tmp_path / "903"), "ssda903", "2024-25")
    res = cli("loads", "--format", "json")
    assert res.returncode == 0, res.stderr
    payload = json.loads(res.stdout)
    (item,) = payload["loads"]
    assert set(item) == {"id", "return", "year", "status", "files", "rows", "findings", "loaded_at"}
    assert item["status"] == "published"
    assert item["return"] == "ssda903" and item["year"] == "2024-25"
    assert item["rows"] == {"cla_header": 3, "cla_episodes": 3}
    assert {"name", "sha256"} == set(item["files"][0])
    assert "T" in item["loaded_at"] and item["loaded_at"].endswith("+00:00")


def test_a_failed_load_leaves_nothing(tmp_path, data_dir):
    load_return(write_903(tmp_path / "good"), "ssda903", "2024-25")
    before = warehouse_rows(data_dir)
    bad = write_903(tmp_path / "bad", 5)
    (bad / "episodes.csv").write_text(EPISODES + "C1,01/01/2024,S\n")  # a ragged row
    res = cli("load", str(bad), "--return", "ssda903", "--year", "2024-25")
    assert res.returncode == 2
    assert "Traceback" not in res.stderr and "episodes.csv" in res.stderr
    assert warehouse_rows(data_dir) == before


@pytest.mark.parametrize("stage", ["after-first-batch", "before-commit"])
def test_killing_the_process_mid_load_leaves_the_previous_state(tmp_path, data_dir, stage, wait_for_pause):
    load_return(write_903(tmp_path / "v1", 3), "ssda903", "2024-25")
    before = warehouse_rows(data_dir)
    loads_before = [r.load_id for r in list_loads()]
    env = os.environ.copy()
    env["CLEARSIGHT_TEST_PAUSE_IN_LOAD"] = f"{stage}:60"
    proc = subprocess.Popen(
        [sys.executable, "-m", "clearsight.cli", "load", str(write_903(tmp_path / "v2", 50)), "--return", "ssda903",
         "--year", "2024-25"], stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)
    wait_for_pause(proc, stage, 60)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # The warehouse reopens cleanly, exactly as before the killed load.
    assert warehouse_rows(data_dir) == before
    assert [r.load_id for r in list_loads()] == loads_before
    # And a later load of the same files succeeds as if nothing had happened.
    res = load_return(tmp_path / "v2", "ssda903", "2024-25")
    assert res.created and res.rows["cla_header"] == 50
