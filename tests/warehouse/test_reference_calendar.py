"""Spec tests for the working-day calendar (warehouse reference data) the CIN rules and the measures use."""

from datetime import date

import duckdb

from clearsight.warehouse import reference as workdays


def test_bank_holidays_include_one_off_days():
    days = set(workdays.bank_holidays())
    assert date(2022, 9, 19) in days  # the state funeral
    assert date(2023, 5, 8) in days   # the coronation
    assert date(2024, 3, 29) in days and date(2024, 4, 1) in days  # Good Friday, Easter Monday
    assert date(2024, 3, 28) not in days


def test_installed_macros_and_inline_sql_agree():
    con = duckdb.connect()
    workdays.install_calendar(con)
    assert con.execute("SELECT count(*) FROM bank_holidays").fetchone()[0] == len(workdays.bank_holidays())
    cases = [("2025-03-31", 45, date(2025, 1, 27)), ("2024-03-31", 45, date(2024, 1, 26)),
             ("2024-04-01", 1, date(2024, 3, 28)), ("2025-04-01", 1, date(2025, 3, 31)),
             ("2025-03-31", 15, date(2025, 3, 10))]
    for day, n, expected in cases:
        inline = con.execute("SELECT " + workdays.working_day_before_sql(f"DATE '{day}'", n)).fetchone()[0]
        macro = con.execute(f"SELECT working_day_before(DATE '{day}', {n})").fetchone()[0]
        assert inline == macro == expected, (day, n)
    # Working days after the first date up to and including the second.
    assert con.execute("SELECT working_days_between(DATE '2024-03-27', DATE '2024-04-02')").fetchone()[0] == 2
    assert con.execute("SELECT working_days_between(DATE '2025-01-27', DATE '2025-03-31')").fetchone()[0] == 45
    assert con.execute("SELECT is_working_day(DATE '2024-04-01'), is_working_day(DATE '2024-04-02')").fetchone() \
        == (False, True)
