"""Two people at once: a second writer waits for the first (saying which load it waits for) or gives up with
exit code 2, never a traceback; read-only commands keep reading the last published warehouse during a load."""

from __future__ import annotations

import json
import re
import signal

import duckdb


def load_ids(data) -> list[int]:
    con = duckdb.connect(str(data / "warehouse.duckdb"), read_only=True)
    try:
        return [r[0] for r in con.execute("SELECT load_id FROM loads ORDER BY load_id").fetchall()]
    finally:
        con.close()


def test_a_second_load_waits_for_the_first_then_proceeds_and_readers_keep_reading(run, council, data):
    before = load_ids(data)
    first_id = max(before) + 1
    # The 903 of 2025-26 again, as XML (new files, the same children), held open mid-load.
    first = run.start("load", str(council / "2025-26" / "ssda903.xml"), "--return", "ssda903", "--year", "2025-26",
                      pause="after-first-batch:20")
    second = None
    try:
        run.wait_for_pause(first)
        second = run.start("load", str(council / "2024-25" / "ssda903.xml"), "--return", "ssda903",
                           "--year", "2024-25")
        said = second.stderr.readline().strip()
        while re.search(r"  \[\d+ s\]$", said):  # plain progress lines (stderr is not a terminal) come first
            said = second.stderr.readline().strip()
        assert said == f"waiting for load {first_id}"

        # Meanwhile every read-only command works, on the last published version.
        listed = run.cli("loads", "--format", "json")
        assert listed.returncode == 0, listed.stderr
        assert [item["id"] for item in json.loads(listed.stdout)["loads"]] == before
        shown = run.cli("measures", "--year", "2025-26", "--format", "json")
        assert shown.returncode == 0 and json.loads(shown.stdout)["measures"], shown.stderr
        checked = run.cli("validate", "ssda903", "--load", str(before[0]), "--format", "json")
        assert checked.returncode == 0, checked.stderr
        assert first.poll() is None  # the first load was still running throughout

        out, err = first.communicate(timeout=300)
        assert first.returncode == 0, err
        assert f"Loaded: load {first_id}, ssda903 2025-26" in out
        out, err = second.communicate(timeout=300)
        assert second.returncode == 0, err
        assert f"Loaded: load {first_id + 1}, ssda903 2024-25" in out and "Traceback" not in err
    finally:
        for proc in (first, second):
            if proc is not None and proc.poll() is None:
                proc.kill()
    assert load_ids(data) == [*before, first_id, first_id + 1]


def test_a_second_writer_that_will_not_wait_long_exits_2_with_a_clear_message(run, council, data):
    before = load_ids(data)
    first_id = max(before) + 1
    first = run.start("load", str(council / "2025-26" / "ssda903.xml"), "--return", "ssda903", "--year", "2025-26",
                      pause="after-first-batch:60")
    try:
        run.wait_for_pause(first)
        res = run.cli("load", str(council / "2024-25" / "ssda903.xml"), "--return", "ssda903", "--year", "2024-25",
                      "--wait", "1")
        assert res.returncode == 2
        assert "Traceback" not in res.stderr
        progress = re.compile(r".*  \[\d+ s\]$")  # plain progress lines (stderr is not a terminal)
        said = " ".join(" ".join(x for x in res.stderr.splitlines() if not progress.fullmatch(x)).split())
        assert said.startswith(f"waiting for load {first_id} ")
        assert (f"gave up after waiting 1 s for load {first_id} to finish; nothing was loaded. Try again when it "
                "has finished, or wait longer with --wait SECONDS.") in said
        refused = run.cli("publish", str(before[-1]), "--reason", "x", "--wait", "0.5")
        assert refused.returncode == 2 and "nothing was published" in " ".join(refused.stderr.split())
    finally:
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=30)
    # The killed load left the warehouse as it was, and the next writer does not wait for it.
    assert load_ids(data) == before
    res = run.cli("load", str(council / "2024-25" / "ssda903.xml"), "--return", "ssda903", "--year", "2024-25",
                  "--wait", "5")
    assert res.returncode == 0 and "waiting" not in res.stderr, res.stderr
    assert load_ids(data) == [*before, first_id]
