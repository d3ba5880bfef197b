"""Shared pieces of the benchmarks: paths, the peers' interpreter, synthesising data, timing a command."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
OUT = ROOT / "out"
PEER_PYTHON = ROOT / ".venv-peers" / "bin" / "python"
CLI = [sys.executable, "-m", "clearsight.cli"]
SHARED = REPO.parent / "shared" / "reference"


def ensure_peers() -> None:
    """Create the peers' virtualenv on first use (benchmarks/peers/setup.sh)."""
    if not PEER_PYTHON.exists():
        print("setting up the peer validators' virtualenv (benchmarks/peers/setup.sh) ...", flush=True)
        subprocess.run(["bash", str(ROOT / "peers" / "setup.sh")], check=True)


def run_measured(cmd: list[str], env: dict | None = None) -> tuple[float, float, subprocess.CompletedProcess]:
    """Run a command; return wall seconds, peak RSS in MB (polled every 20 ms) and the result.

    Output goes to temporary files, not pipes, so a command that prints a lot cannot block.
    """
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = psutil.Popen(cmd, stdout=out, stderr=err, text=True, env=env)
        peak = 0
        while proc.poll() is None:
            try:
                rss = proc.memory_info().rss + sum(c.memory_info().rss for c in proc.children(recursive=True))
                peak = max(peak, rss)
            except psutil.Error:
                pass
            time.sleep(0.02)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        return seconds, peak / 2**20, subprocess.CompletedProcess(cmd, proc.returncode, out.read(), err.read())


def synthesise(children: int, seed: int, years: str, faults: float = 0.0) -> Path:
    """A synthetic council under benchmarks/out/, made once and reused (same seed, same bytes)."""
    tag = f"synth-{children}-seed{seed}-{years.replace('..', '_')}" + (f"-faults{faults:g}" if faults else "")
    target = OUT / tag
    if (target / "council.json").exists():
        return target
    print(f"synthesising {children:,} children ({years}, seed {seed}, faults {faults:g}) into {target} ...", flush=True)
    cmd = [*CLI, "synth", "--out", str(target), "--children", str(children), "--seed", str(seed), "--years", years]
    if faults:
        cmd += ["--faults", str(faults)]
    seconds, peak, res = run_measured(cmd)
    if res.returncode != 0:
        sys.exit(f"synth failed:\n{res.stderr}")
    print(f"  done in {seconds:.1f} s (peak {peak:.0f} MB)", flush=True)
    return target


# The generator the peers' own test data came from: Social Finance's csc-data-synthesizer ("cscsynth", MIT; not on
# PyPI). Give a checkout of it with --cscsynth or CLEARSIGHT_CSCSYNTH, or put one at benchmarks/out/csc-data-synthesizer.
CSCSYNTH_DEFAULT = OUT / "csc-data-synthesizer"

_CSCSYNTH_SCRIPT = """
import datetime, random, sys
import numpy as np
sys.path.insert(0, sys.argv[1])
from cscsynth import ChildrenGenerator
from cscsynth.census import snapshot_children_for_period
from cscsynth.csv import create_csv
children, seed, first, out = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
random.seed(seed)
np.random.seed(seed)
generated = ChildrenGenerator(start_date=datetime.datetime(first - 7, 4, 1),
                              end_date=datetime.datetime(first + 1, 3, 31)).generate(num_children=children)
year = snapshot_children_for_period(datetime.datetime(first, 4, 1), datetime.datetime(first + 1, 3, 31), generated)
create_csv(year, out)
"""


def cscsynth_checkout(given: str | None) -> Path | None:
    """The csc-data-synthesizer checkout to use, or None when there is none."""
    for candidate in (given, os.environ.get("CLEARSIGHT_CSCSYNTH"), CSCSYNTH_DEFAULT):
        if candidate and (Path(candidate) / "cscsynth" / "__init__.py").exists():
            return Path(candidate)
    return None


def cscsynth_903(checkout: Path, children: int, seed: int, year: str) -> Path:
    """One year's 903 CSVs made by csc-data-synthesizer (benchmarks/out/, reused), as a council would send them.

    ``children`` is the generator's population over eight years; a 2024-25 snapshot of 6,550 holds about 1,800
    children. The generator writes a table with no rows as a file with no header line; a council sends no file
    for such a table, so those files are removed (both validators refuse a CSV without a header).
    """
    first = int(year[:4])
    target = OUT / f"cscsynth-{children}-seed{seed}-{year}"
    if (target / "header.csv").exists():
        return target
    print(f"generating {children:,} children with csc-data-synthesizer ({year}, seed {seed}) into {target} ...",
          flush=True)
    res = subprocess.run([sys.executable, "-c", _CSCSYNTH_SCRIPT, str(checkout), str(children), str(seed),
                          str(first), str(target)], capture_output=True, text=True)
    if res.returncode != 0:
        sys.exit(f"csc-data-synthesizer failed:\n{res.stderr[-3000:]}")
    for f in target.glob("*.csv"):
        if not f.read_text().strip().strip('"'):
            f.unlink()
    return target


def run_json(cmd: list[str], env: dict | None = None) -> tuple[float, float, dict]:
    seconds, peak, res = run_measured(cmd, env)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stderr[-3000:]}")
    return seconds, peak, json.loads(res.stdout)


def clean_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update(extra)
    return env
