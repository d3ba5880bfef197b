"""Progress when standard error is not a terminal: plain lines as the work goes, not a bar nor silence."""

from __future__ import annotations

import io
import os
import subprocess
import sys

from clearsight.cli.common import PlainProgress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_each_new_step_is_one_line_with_its_count_and_a_long_step_is_said_again():
    out, clock = io.StringIO(), Clock()
    with PlainProgress(stream=out, every=10, clock=clock) as prog:
        task = prog.add_task("loading", total=3)
        for ret in ("ssda903", "cin", "cms"):
            clock.now += 2
            prog.update(task, description=f"loading {ret} 2024-25")
            prog.update(task, description=f"loading {ret} 2024-25")  # the same step again: nothing new to say
            prog.advance(task)
        sim = prog.add_task("Simulating children", total=None)
        prog.update(sim, completed=10, total=1000)
        clock.now += 11
        prog.update(sim, completed=400, total=1000)
        clock.now += 1
        prog.update(sim, completed=500, total=1000)  # within 10 s of the last line: not said
    lines = [x.rsplit("  [", 1)[0] for x in out.getvalue().splitlines()]
    assert lines == ["loading (0 of 3)", "loading ssda903 2024-25 (1 of 3)", "loading cin 2024-25 (2 of 3)",
                     "loading cms 2024-25 (3 of 3)", "Simulating children", "Simulating children (400 of 1,000)"]
    assert out.getvalue().splitlines()[3].endswith("[6 s]")


def test_a_load_logged_to_a_file_shows_its_progress_lines(tmp_path):
    env = {**os.environ, "CLEARSIGHT_DATA_DIR": str(tmp_path / "data")}
    subprocess.run([sys.executable, "-m", "clearsight.cli", "synth", "--out", str(tmp_path / "c"), "--children", "60",
                    "--years", "2025-26"], env=env, check=True, capture_output=True, timeout=300)
    with open(tmp_path / "log.txt", "w") as log:
        subprocess.run([sys.executable, "-m", "clearsight.cli", "load", str(tmp_path / "c" / "2025-26" / "ssda903"),
                        "--return", "ssda903", "--year", "2025-26"], env=env, check=True, stdout=log, stderr=log,
                       timeout=300)
    text = (tmp_path / "log.txt").read_text()
    said = [x for x in text.splitlines() if x.endswith(" s]")]
    assert said[0].startswith("loading ssda903")
    assert "hashing (0 of 11)" in [x.rsplit("  [", 1)[0] for x in said]  # none of the 903's eleven files yet
    assert "checking against the DfE rules" in [x.rsplit("  [", 1)[0] for x in said]
    assert "\x1b[" not in text  # no bar drawn with terminal escapes into the file
