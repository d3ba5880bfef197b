"""Spec tests for the episode date and age rules."""

from clearsight.rules.ssda903.b_dates import (
    R302,
    R352,
    R353,
    R354,
    R355,
    R356,
    R357,
    R358,
    R359,
    R385,
    R386,
    R387,
    R388,
    R389,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def hd(child, dob="01/05/2010"):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI", "UPN": "UN1"}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def test_302_first_episode_not_before_birth():
    header = [hd("A", "02/04/2024"), hd("B", "01/04/2024")]
    eps = [ep("A"), ep("A", DECOM="01/05/2024", RNE="P"), ep("B")]
    assert flagged(R302, Y, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A"), ("Header", 0, "A")}


def test_352_starting_care_at_18_or_over():
    header = [hd("A", "01/04/2006"), hd("B", "02/04/2006"), hd("C", "01/01/2000")]
    eps = [ep("A"), ep("B"), ep("C", RNE="P")]
    assert flagged(R352, Y, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A")}


def test_353_to_356_episode_dates():
    rows = [ep("A", DECOM="13/10/1991"), ep("B", DECOM="01/04/2025"), ep("C", DEC="01/04/2024", REC="E11"),
            ep("D", DECOM="02/04/2024", DEC="01/04/2024", REC="E11"), ep("E", DEC="01/04/2025", REC="E11"),
            ep("F", DEC="31/03/2025", REC="E11")]
    only = {"Episodes": rows}
    assert flagged(R353, Y, only) == {("Episodes", 0, "A")}
    assert flagged(R354, Y, only) == {("Episodes", 1, "B")}
    assert flagged(R355, Y, only) == {("Episodes", 2, "C")}
    assert flagged(R356, Y, only) == {("Episodes", 3, "D")}
    assert flagged(R385, Y, only) == {("Episodes", 4, "E")}


def test_357_a_first_episode_in_the_year_starts_care():
    rows = [ep("A", RNE="P"), ep("B", DECOM="01/01/2024", RNE="P"), ep("C"), ep("C", DECOM="01/05/2024", RNE="L")]
    # B's first episode started before the year, so may continue an earlier one.
    assert flagged(R357, Y, {"Episodes": rows}) == {("Episodes", 0, "A")}


def test_358_youth_justice_status_only_from_10():
    header = [hd("A", "01/04/2014"), hd("B", "31/03/2014")]
    eps = [ep("A", LS="J2"), ep("B", LS="J2")]
    # A turns 10 on the day the episode starts, which is not yet over 10.
    assert flagged(R358, Y, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A"), ("Header", 0, "A")}


def test_359_over_18_only_under_section_20_5_in_a_community_home():
    header = [hd("A", "01/01/2007"), hd("B", "01/01/2007"), hd("C", "01/01/2007"), hd("D", "01/04/2007")]
    eps = [ep("A"), ep("B", LS="V2", PLACE="K2"), ep("C", DEC="01/02/2025", REC="E8"), ep("D")]
    # D turns 18 on 1 April 2025, after the year.
    assert flagged(R359, Y, {"Header": header, "Episodes": eps}) == {("Episodes", 0, "A")}


def test_386_387_389_reasons_that_depend_on_age():
    header = [hd("A", "01/06/2006"), hd("B", "01/06/2012"), hd("C", "01/06/2012"), hd("D", "02/06/2008")]
    eps = [ep("A", DEC="01/06/2024", REC="E11"), ep("B", DEC="31/05/2024", REC="E5"),
           ep("C", DEC="31/05/2024", REC="E12"), ep("D", DEC="01/06/2024", REC="E7"), ep("E", DEC="01/06/2024", REC="E7")]
    data = {"Header": header, "Episodes": eps}
    assert flagged(R386, Y, data) == {("Episodes", 0, "A")}  # adopted on the 18th birthday
    assert flagged(R387, Y, data) == {("Episodes", 1, "B")}  # independent living at 11
    # D is a day short of 16; E has no Header record, so no age.
    assert flagged(R389, Y, data) == {("Episodes", 3, "D"), ("Episodes", 4, "E")}


def test_388_x1_means_a_new_episode_the_same_day():
    rows = [ep("A", DEC="01/06/2024", REC="X1"), ep("A", DECOM="02/06/2024", RNE="P"),
            ep("B", DEC="01/06/2024", REC="E13"), ep("B", DECOM="01/06/2024", RNE="P"),
            ep("C", DEC="01/06/2024", REC="X1"),
            ep("D", DEC="01/06/2024", REC="X1"), ep("D", DECOM="01/06/2024", RNE="P")]
    assert flagged(R388, Y, {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 2, "B"), ("Episodes", 4, "C")}
