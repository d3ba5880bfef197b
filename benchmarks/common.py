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


def run_json(cmd: list[str], env: dict | None = None) -> tuple[float, float, dict]:
    seconds, peak, res = run_measured(cmd, env)
    if res.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} failed ({res.returncode}):\n{res.stderr[-3000:]}")
    return seconds, peak, json.loads(res.stdout)


def clean_env(**extra: str) -> dict:
    env = dict(os.environ)
    env.update(extra)
    return env
