"""What the command groups share: the --years parser and bad input as exit code 2."""

from __future__ import annotations

import pytest
import typer

from clearsight.cli.common import bad_input, parse_years
from clearsight.returns.problems import UnreadableFile


def test_a_range_of_years_is_every_year_from_the_first_to_the_last():
    assert parse_years("2023-24..2025-26") == ["2023-24", "2024-25", "2025-26"]
    assert parse_years(" 1999-00 .. 2000-01 ") == ["1999-00", "2000-01"]


def test_a_list_of_years_keeps_its_order():
    assert parse_years("2025-26, 2023-24,") == ["2025-26", "2023-24"]


def test_a_range_backwards_is_a_bad_parameter():
    with pytest.raises(typer.BadParameter, match="the last year comes before the first"):
        parse_years("2025-26..2023-24")


@pytest.mark.parametrize("spec", ["2025-27", "2024-25..2025", "2024"])
def test_a_malformed_year_says_the_form(spec):
    with pytest.raises(ValueError, match="should look like 2024-25"):
        parse_years(spec)


def test_bad_input_is_exit_code_2_and_other_errors_pass_through():
    with pytest.raises(typer.Exit) as stopped, bad_input(ValueError):
        raise ValueError("no such year")
    assert stopped.value.exit_code == 2
    with pytest.raises(KeyError), bad_input(ValueError):
        raise KeyError("x")
    with pytest.raises(UnreadableFile), bad_input(ValueError):
        raise UnreadableFile([])
