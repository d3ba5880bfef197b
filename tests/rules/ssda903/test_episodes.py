"""Spec tests for the episodes rules (``clearsight.rules.ssda903.episodes``)."""

from clearsight.rules.ssda903.episodes import (
    R141,
    R143,
    R144,
    R145,
    R146,
    R147,
    R148,
    R149,
    R302,
    R352,
    R353,
    R354,
    R355,
    R356,
    R357,
    R359,
    R385,
    R386,
    R387,
    R389,
    R407,
    R460,
    R516,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def hd(child, dob="01/05/2010"):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI", "UPN": "UN1"}


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def ep_407(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "PLACE_PROVIDER": "PR1", **kw}


def hd_407(child, dob):
    return {"CHILD": child, "SEX": "M", "DOB": dob, "ETHNIC": "WBRI"}


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


def test_141_episode_start_must_be_a_date():
    rows = [ep("A"), ep("B", DECOM="45382"), ep("C", DECOM="")]
    assert flagged(R141, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_143_to_146_codes_must_be_valid():
    rows = [ep("A"), ep("B", RNE="Q", LS="ZZ", CIN="N9", PLACE="P2")]
    for rule in (R143, R144, R145):
        assert flagged(rule, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
    # P2 was a placement code until 2023-24 and was withdrawn from 2024-25.
    assert flagged(R146, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
    assert flagged(R146, "2023-24", {"Episodes": rows}) == set()


def test_147_a_ceased_date_if_given_must_be_a_date():
    rows = [ep("A", DEC=""), ep("B", DEC="31/09/2024", REC="E11"), ep("C", DEC="30/09/2024", REC="E11")]
    assert flagged(R147, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_148_ceased_date_and_reason_go_together():
    rows = [ep("A"), ep("B", DEC="30/09/2024"), ep("C", REC="E11"), ep("D", DEC="30/09/2024", REC="E11"),
            ep("E", DEC="not a date", REC="E11")]
    assert flagged(R148, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_149_reason_ceased_must_be_valid_when_given():
    rows = [ep("A", DEC="30/09/2024", REC="E11"), ep("B", DEC="30/09/2024", REC="E99"), ep("C")]
    assert flagged(R149, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_407_special_guardianship_ending_at_18_or_over():
    episodes = [ep_407("A", DEC="09/05/2024", REC="E45"),   # the day before the 18th birthday
                ep_407("B", DEC="10/05/2024", REC="E46"),   # the 18th birthday: has reached 18
                ep_407("C", DEC="10/06/2024", REC="E11")]   # another reason
    header = [hd_407("A", "10/05/2006"), hd_407("B", "10/05/2006"), hd_407("C", "10/05/2006")]
    assert flagged(R407, "2024-25", {"Episodes": episodes, "Header": header}) == {
        ("Episodes", 1, "B"), ("Header", 1, "B")}


def test_460_stayed_put_needs_age_18():
    episodes = [ep_407("A", DEC="10/05/2024", REC="E17"), ep_407("B", DEC="09/05/2024", REC="E17")]
    header = [hd_407("A", "10/05/2006"), hd_407("B", "10/05/2006")]
    assert flagged(R460, "2024-25", {"Episodes": episodes, "Header": header}) == {("Episodes", 1, "B")}


def test_516_former_foster_carers_reasons_need_a_u_placement():
    rows = [ep_407("A", PLACE="U3", DEC="01/06/2024", REC="E45"), ep_407("B", PLACE="K2", DEC="01/06/2024", REC="E46"),
            ep_407("C", PLACE="K2", DEC="01/06/2024", REC="E11")]
    assert flagged(R516, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}
