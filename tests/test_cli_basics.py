import json
import subprocess
import sys


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "clearsight.cli", *args], capture_output=True, text=True, env=env)


def test_doctor_names_the_data_directory(data_dir):
    res = run("doctor")
    assert res.returncode == 0, res.stderr
    assert str(data_dir) in res.stdout
    assert "duckdb" in res.stdout


def test_loads_is_empty_json_before_any_load(data_dir):
    res = run("loads", "--format", "json")
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == {"loads": []}
