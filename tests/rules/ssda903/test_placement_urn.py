"""Spec tests for the placement urn rules (``clearsight.rules.ssda903.placement_urn``)."""

import datetime as dt

from clearsight.rules.ssda903.placement_urn import (
    R218,
    R219,
    R221,
    R222,
    R224,
    R227,
    R228,
    R229,
    R230,
    R241,
    R242,
    R243,
    R1008,
)
from clearsight.rules.testing import flagged

Y = "2024-25"


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2", **kw}


def provider(urn, place="K2", codes="PR1", postcode="ME14 1XX", closed=None):
    return {"urn": urn, "provider_type": "Children's home", "registration_date": dt.date(2010, 1, 1),
            "closed_date": closed, "placement_code": place, "placement_provider_code": codes,
            "postcode": postcode, "local_authority": "Kent"}


LISTS = [provider("SC111111", "K2", "PR1", "ME14 1XX"), provider("SC222222", "K2/R1", "PR2,PR3", "SW1A 1AA",
                                                                  dt.date(2024, 9, 30)),
         provider("SC333333", "K3", "PR4", "SW1A 1AA"), provider("SC333333", "K3", "PR4", "CF10 1AA")]


KENT = "E10000016"


def ep_222(child, **kw):
    return {"CHILD": child, "DECOM": "01/04/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1", **kw}


def eps_only(rule, rows, year=Y):
    return flagged(rule, year, {"Episodes": rows})


def ep_1008(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2", **kw}


def test_218_urn_required_for_english_registered_placements_open_in_the_year():
    rows = [ep("A"), ep("B", URN="SC111111"), ep("C", PLACE="U1", PL_POST="CF10 1AA"),
            ep("D", PLACE="P1"), ep("E", DECOM="01/01/2024", DEC="31/03/2024", REC="E11"),
            ep("F", PLACE="H5"), ep("G", PLACE="U1", PL_POST="ZZ9 9ZZ")]
    # C is placed in Wales; D with parents; E ended before the year; an unknown postcode (G) counts as England.
    assert flagged(R218, Y, {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 5, "F"), ("Episodes", 6, "G")}
    # Until 2023-24 H5 needed no URN under this rule.
    assert ("Episodes", 5, "F") not in flagged(R218, "2023-24", {"Episodes": rows})


def test_219_urn_must_be_registered_for_the_placement_type():
    rows = [ep("A", URN="SC111111"), ep("B", URN="SC222222", PLACE="R1"), ep("C", URN="SC111111", PLACE="R1"),
            ep("D", URN="SC999999"), ep("E", URN="XXXXXXX", PLACE="A4")]
    assert flagged(R219, Y, {"Episodes": rows}, providers=LISTS) == {("Episodes", 2, "C"), ("Episodes", 3, "D")}


def test_221_placement_postcode_must_be_the_providers():
    rows = [ep("A", URN="SC111111", PL_POST="me14 1xx"), ep("B", URN="SC111111", PL_POST="ME15 6AA"),
            ep("C", URN="SC111111", PL_POST="ME15 6AA", PLACE="U1"), ep("D", URN="SC111111")]
    # C is foster care, whose postcode is the carer's; D gives no postcode.
    assert flagged(R221, Y, {"Episodes": rows}, providers=LISTS) == {("Episodes", 1, "B")}


def test_224_placement_provider_must_be_the_providers():
    rows = [ep("A", URN="SC111111", PLACE_PROVIDER="PR1"), ep("B", URN="SC222222", PLACE_PROVIDER="PR3"),
            ep("C", URN="SC222222", PLACE_PROVIDER="PR1"), ep("D", URN="SC111111"),
            ep("E", URN="SC999999", PLACE_PROVIDER="PR1"), ep("F", URN="SC444444", PLACE_PROVIDER="PR1", PLACE="K3")]
    # SC999999 is in no list; SC444444's list gives no provider code, so cannot be judged.
    lists = [*LISTS, provider("SC444444", "K3", None, "SW1A 1AA")]
    assert flagged(R224, Y, {"Episodes": rows}, providers=lists) == {("Episodes", 2, "C"), ("Episodes", 3, "D"),
                                                                     ("Episodes", 4, "E")}


def test_227_and_228_urn_must_be_registered_over_the_episode():
    rows = [ep("A", URN="SC222222", DECOM="30/09/2024"), ep("B", URN="SC222222", DECOM="01/06/2024",
            DEC="30/09/2024", REC="E11"), ep("C", URN="SC222222", DECOM="01/06/2024"), ep("D", URN="SC111111")]
    # The provider closed on 30/09/2024: A starts that day; C is still open at 31 March.
    assert flagged(R227, Y, {"Episodes": rows}, providers=LISTS) == {("Episodes", 0, "A")}
    assert flagged(R228, Y, {"Episodes": rows}, providers=LISTS) == {("Episodes", 0, "A"), ("Episodes", 2, "C")}


def test_229_own_provision_in_the_councils_area_and_other_councils_outside_it():
    rows = [ep("A", URN="SC111111", PLACE_PROVIDER="PR1"), ep("B", URN="SC222222", PLACE_PROVIDER="PR1"),
            ep("C", URN="SC111111", PLACE_PROVIDER="PR2"), ep("D", URN="SC222222", PLACE_PROVIDER="PR2"),
            ep("E", URN="SC999999", PLACE_PROVIDER="PR1")]
    assert flagged(R229, Y, {"Episodes": rows}, providers=LISTS, la=KENT) == {("Episodes", 1, "B"),
                                                                              ("Episodes", 2, "C")}


def test_230_h5_needs_a_urn_from_28_october_2023_in_england():
    rows = [ep("A", PLACE="H5"), ep("B", PLACE="H5", URN="XXXXXXX"), ep("C", PLACE="H5", URN="SC1"),
            ep("D", PLACE="H5", DECOM="01/04/2023", DEC="28/10/2023", REC="E11"),
            ep("E", PLACE="H5", PL_POST="CF10 1AA")]
    assert flagged(R230, "2023-24", {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}


def test_241_supported_accommodation_in_an_area_where_the_provider_has_premises():
    rows = [ep("A", PLACE="K3", URN="SC333333", PL_POST="SW1A 1AA"),
            ep("B", PLACE="K3", URN="SC333333", PL_POST="ME14 1XX"),
            ep("C", PLACE="K3", URN="SC333333")]
    # C's placement area is not known.
    assert flagged(R241, "2025-26", {"Episodes": rows}, providers=LISTS) == {("Episodes", 1, "B")}


def test_243_no_urn_for_placements_outside_england():
    rows = [ep("A", URN="SC1", PL_POST="CF10 1AA"), ep("B", URN="SC1", PL_POST="ME14 1XX"),
            ep("C", PL_POST="EH1 1YZ")]
    assert flagged(R243, "2025-26", {"Episodes": rows}) == {("Episodes", 0, "A")}


def test_222_no_urn_for_placements_not_registered_with_ofsted():
    rows = [ep_222("A", PLACE="P1", URN="SC123456"), ep_222("B", PLACE="R1", URN="XXXXXXX"), ep_222("C", PLACE="K2", URN="SC1"),
            ep_222("D", PLACE="Z1", URN="SC2"), ep_222("E", PLACE="H5", URN="SC3")]
    assert eps_only(R222, rows) == {("Episodes", 0, "A"), ("Episodes", 3, "D")}
    # H5 needed no URN in 2022-23; Z1 is no longer listed from 2025-26.
    assert eps_only(R222, rows, "2022-23") == {("Episodes", 0, "A"), ("Episodes", 3, "D"), ("Episodes", 4, "E")}
    assert eps_only(R222, rows, "2025-26") == {("Episodes", 0, "A")}


def test_242_xxxxxxx_urn_only_for_adoption_placements():
    rows = [ep_222("A", PLACE="K2", URN="XXXXXXX"), ep_222("B", PLACE="A4", URN="XXXXXXX"), ep_222("C", PLACE="K2", URN="SC1")]
    assert eps_only(R242, rows, "2025-26") == {("Episodes", 0, "A")}


def test_1008_urn_must_be_on_ofsteds_lists():
    episodes = [ep_1008("A", URN="SC123456"), ep_1008("B", URN="1234567"), ep_1008("C", URN="XXXXXXX"), ep_1008("D"),
                ep_1008("E", URN="sc999999"), ep_1008("F", URN="sc123456")]
    providers = [{"urn": "SC123456", "provider_type": "Children's home"},
                 {"urn": "1234567", "provider_type": "Independent fostering agency"}]
    assert flagged(R1008, "2024-25", {"Episodes": episodes}, providers=providers) == {("Episodes", 4, "E")}
