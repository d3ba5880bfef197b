"""The data folder: CLEARSIGHT_DATA_DIR when set, else the per-user data folder, never the current directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from clearsight import config


def test_the_data_folder_is_clearsight_data_dir_when_set(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_DATA_DIR", str(tmp_path / "mine"))
    assert config.data_dir() == (tmp_path / "mine").resolve()
    assert config.data_dir_source() == "CLEARSIGHT_DATA_DIR"


def test_without_it_the_data_folder_is_the_per_user_folder_whatever_the_current_directory(tmp_path, monkeypatch):
    monkeypatch.delenv("CLEARSIGHT_DATA_DIR", raising=False)
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    seen = set()
    for here in (tmp_path, tmp_path / "elsewhere"):
        here.mkdir(exist_ok=True)
        monkeypatch.chdir(here)
        seen.add(config.data_dir())
    if sys.platform.startswith("linux"):
        assert seen == {(tmp_path / "home" / ".local" / "share" / "clearsight").resolve()}
    assert len(seen) == 1 and not str(seen.pop()).startswith(str(tmp_path / "elsewhere"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    if sys.platform.startswith("linux"):
        assert config.data_dir() == (tmp_path / "xdg" / "clearsight").resolve()
    assert "platformdirs" in config.data_dir_source()


def test_doctor_prints_the_folder_in_use_and_where_it_came_from(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "CLEARSIGHT_DATA_DIR"}
    env.update(HOME=str(tmp_path / "home"), COLUMNS="200")
    env.pop("XDG_DATA_HOME", None)
    out = subprocess.run([sys.executable, "-m", "clearsight.cli", "doctor"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("data directory"))
    if sys.platform.startswith("linux"):
        assert str(Path(tmp_path / "home" / ".local" / "share" / "clearsight")) in line
    assert "platformdirs" in line
    env["CLEARSIGHT_DATA_DIR"] = str(tmp_path / "set")
    out = subprocess.run([sys.executable, "-m", "clearsight.cli", "doctor"], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=120, check=True).stdout
    line = next(x for x in out.splitlines() if x.startswith("data directory"))
    assert str(tmp_path / "set") in line and "CLEARSIGHT_DATA_DIR" in line
