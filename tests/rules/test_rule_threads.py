"""Validating files runs the rule batches on two threads; the findings are exactly those of one thread."""

from pathlib import Path

import pytest

from clearsight.returns.years import CollectionYear
from clearsight.rules.validate import validate_files
from clearsight.synth import run_synth

YEARS = ["2023-24", "2024-25"]


@pytest.fixture(scope="module")
def faulty_903(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("threads")
    run_synth(out, children=400, years=YEARS, seed=17, faults=0.2)
    return out


def findings(folder: Path, threads: int, previous: Path | None = None):
    year = folder.parent.name
    result, con, _ = validate_files(folder, "ssda903", year, previous=previous,
                                    previous_year=CollectionYear.parse(year).previous.label if previous else None,
                                    threads=threads)
    con.close()
    return result


@pytest.mark.parametrize("with_previous", [False, True])
def test_two_threads_find_exactly_what_one_finds(faulty_903, with_previous):
    folder = faulty_903 / YEARS[1] / "ssda903"
    previous = faulty_903 / YEARS[0] / "ssda903" if with_previous else None
    one, two = findings(folder, 1, previous), findings(folder, 2, previous)
    assert len(one.findings) > 10  # a faulty council: there is something to compare
    assert one.as_json(with_type=True) == two.as_json(with_type=True)
    assert one.rules_run == two.rules_run and one.rules_not_run == two.rules_not_run
