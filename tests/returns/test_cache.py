"""The cache of input-independent work (clearsight.returns.cache) and the 903 column specs kept in it."""

from __future__ import annotations

import json
import shutil

import pytest

from clearsight.returns import cache
from clearsight.returns.ssda903 import spec


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    d = tmp_path / "cache"
    monkeypatch.setenv("CLEARSIGHT_CACHE_DIR", str(d))
    return d


@pytest.fixture
def schema(tmp_path):
    """A private copy of the 903 YAML schema, which a test may change."""
    folder = tmp_path / "schema"
    shutil.copytree(spec.SCHEMA_DIR, folder, ignore=shutil.ignore_patterns("*.xsd"))
    spec.ssda903_yaml.cache_clear()
    yield folder
    spec.ssda903_yaml.cache_clear()


def test_cached_json_computes_once_then_reads_the_file(cache_dir):
    calls = []

    def compute():
        calls.append(1)
        return {"a": [1, "x", None]}

    assert cache.cached_json("thing-k1.json", compute) == {"a": [1, "x", None]}
    assert cache.cached_json("thing-k1.json", compute) == {"a": [1, "x", None]}
    assert len(calls) == 1
    assert json.loads((cache_dir / "thing-k1.json").read_text()) == {"a": [1, "x", None]}
    assert [p.name for p in cache_dir.iterdir()] == ["thing-k1.json"]  # no temporary file left behind


def test_a_cut_short_cache_file_is_computed_again_and_replaced(cache_dir):
    cache_dir.mkdir()
    (cache_dir / "thing-k1.json").write_text('{"a": [1, ')
    assert cache.cached_json("thing-k1.json", lambda: {"a": [2]}) == {"a": [2]}
    assert json.loads((cache_dir / "thing-k1.json").read_text()) == {"a": [2]}


def test_a_value_json_would_change_is_returned_but_never_stored(cache_dir):
    assert cache.cached_json("tuple-k1.json", lambda: {"a": (1, 2)}) == {"a": (1, 2)}
    assert cache.cached_json("intkey-k1.json", lambda: {1: "x"}) == {1: "x"}
    assert not cache_dir.exists() or not any(cache_dir.iterdir())


def test_a_cache_folder_that_cannot_be_written_means_computing_every_time(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CLEARSIGHT_CACHE_DIR", str(blocker / "cache"))  # cannot be made, even by root
    calls = []
    for _ in range(2):
        assert cache.cached_json("thing-k1.json", lambda: calls.append(1) or {"b": 1}) == {"b": 1}
    assert len(calls) == 2
    assert blocker.read_text() == "not a folder"


def test_write_atomic_leaves_nothing_when_the_writer_fails(tmp_path):
    def fails(tmp):
        tmp.write_text("half")
        raise ValueError("boom")

    with pytest.raises(ValueError, match="boom"):
        cache.write_atomic(tmp_path / "x.json", fails)
    assert list(tmp_path.iterdir()) == []


def test_the_903_spec_is_read_from_the_cache(cache_dir, schema):
    first = spec.ssda903_yaml(2025, schema)
    [kept] = cache_dir.glob("ssda903-schema-2025-*.json")
    assert json.loads(kept.read_text()) == first == spec.parse_schema_yaml(2025, schema)
    # What the cache holds is what the next run gets: the YAML is not parsed again.
    kept.write_text(json.dumps({"header": {"CHILD": {"string": "alphanumeric"}}}))
    spec.ssda903_yaml.cache_clear()
    assert spec.ssda903_yaml(2025, schema) == {"header": {"CHILD": {"string": "alphanumeric"}}}


def test_a_changed_schema_file_is_parsed_again(cache_dir, schema):
    before = spec.ssda903_yaml(2025, schema)
    assert "Z9" not in [c["code"] for c in before["episodes"]["PLACE"]["category"]]
    diff = schema / "SSDA903_schema_2025.diff.yml"
    diff.write_text(diff.read_text() + "\ncolumn_map.episodes.PLACE.category:\n  type: modify\n  value:\n"
                    "    - code: Z9\n")
    spec.ssda903_yaml.cache_clear()
    after = spec.ssda903_yaml(2025, schema)
    assert after["episodes"]["PLACE"]["category"] == [{"code": "Z9"}]
    assert len(list(cache_dir.glob("ssda903-schema-2025-*.json"))) == 2  # one per version of the files


def test_the_cached_spec_gives_the_same_tables_as_the_yaml(cache_dir):
    for year in ("2017-18", "2023-24", "2024-25", "2026-27"):
        ending = int(year[:4]) + 1
        assert spec.ssda903_yaml(ending) == spec.parse_schema_yaml(ending)
