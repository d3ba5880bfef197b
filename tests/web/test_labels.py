"""Labels in the web app: the measure CSV names each team beside its code, and the breakdown by legal status shows
each code with the DfE's words."""

from __future__ import annotations

import csv
import html
import io
import re

import pytest

from clearsight.returns.codes import with_label

pytestmark = pytest.mark.django_db


def test_the_measure_csv_has_a_group_label_beside_the_group(sign_in):
    from clearsight.web import data

    text = sign_in("analyst").get("/measures/CIN05/export.csv").content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    names = data.teams()
    teams = [r for r in rows if r["group"].startswith("team=")]
    assert teams and [r for r in rows if r["group"] == "council"]
    for r in rows:
        if r["group"] == "council":
            assert r["group_label"] == "council"
        else:
            code = r["group"].split("=", 1)[1]
            assert r["group_label"] == f"team={names.get(code, code)}"
    assert any(r["group_label"] != r["group"] for r in teams)  # names, not codes


def test_a_breakdown_by_legal_status_shows_the_dfe_words_beside_each_code(sign_in):
    from clearsight.web import data

    client = sign_in("analyst")
    period = data.latest_year(data.aggregates())
    page = client.get(f"/measures/CLA01/?by=legal_status&period={period}").content.decode()
    codes = {v["group"].get("legal_status") for v in data.breakdown("CLA01", "legal_status", period)}
    codes.discard(None)
    assert codes
    cells = {html.unescape(c).strip() for c in re.findall(r"<t[hd][^>]*>([^<]+)</t[hd]>", page)}
    for code in codes:
        labelled = with_label("ssda903.legal_status", code)
        assert labelled != code and labelled in cells, labelled
