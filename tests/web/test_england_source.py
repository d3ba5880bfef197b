"""A measure's page cites the release and table England's figure comes from, beside the figure."""

import html
import re

from clearsight.measures.registry import all_measures


def test_the_measure_page_shows_the_source_of_englands_figure(sign_in):
    client = sign_in("analyst")
    m = all_measures()["CP06"]
    text = html.unescape(client.get("/measures/CP06/").content.decode())
    words = " ".join(re.sub(r"<[^>]+>", "", text).split())
    assert "England 4.4% (2024-25)" in words
    assert f"Source: {m.england_source}" in words
    assert f'href="{m.england_figure.url}"' in text


def test_a_measure_without_an_england_figure_cites_no_source(sign_in):
    text = sign_in("analyst").get("/measures/CP08/").content.decode()
    assert all_measures()["CP08"].england is None
    assert "cs-england-source" not in text
