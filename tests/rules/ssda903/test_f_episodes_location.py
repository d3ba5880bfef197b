"""Spec tests for rules 105, 142, 164, 169 and 179."""

from clearsight.rules.ssda903.f_episodes_location import R105, R142, R164, R169, R179
from clearsight.rules.testing import flagged

Y = "2024-25"
POSTCODES = [
    {"postcode": "ME141XX", "la_code": "E10000016", "lad_code": "E07000110", "country": "ENG",
     "easting": 576000.0, "northing": 155000.0},
    {"postcode": "TN11AA", "la_code": "E10000016", "lad_code": "E07000116", "country": "ENG",
     "easting": 558000.0, "northing": 139000.0},
    {"postcode": "CF101AA", "la_code": "W06000015", "lad_code": "W06000015", "country": "WAL",
     "easting": 318000.0, "northing": 176000.0},
    {"postcode": "ZZ11ZZ", "la_code": "E10000016", "lad_code": "E07000110", "country": "ENG",
     "easting": 9e12, "northing": 0.0},  # a corrupt grid position
]


def ep(child, decom, dec="", rec="", home="ME14 1XX", place="TN1 1AA", ls="C2", row_no=None):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, "HOME_POST": home, "PL_POST": place, "LS": ls,
            "RNE": "S", "CIN": "N1", "PLACE": "U1"}


def test_105_uasc_status_must_be_0_or_1_in_the_xml_form():
    rows = [{"CHILD": "A", "UASC": "0"}, {"CHILD": "B", "UASC": "1"}, {"CHILD": "C", "UASC": ""},
            {"CHILD": "D", "UASC": "2"}]
    assert flagged(R105, Y, {"Header": rows}, source_format="xml") == {("Header", 2, "C"), ("Header", 3, "D")}


def test_142_every_episode_but_the_last_must_have_ended():
    rows = [ep("A", "01/04/2024", dec="01/06/2024", rec="X1"), ep("A", "01/06/2024"),  # fine
            ep("B", "01/04/2024"), ep("B", "01/06/2024"),  # the first never ended
            ep("C", "01/04/2024", dec="01/06/2024"), ep("C", "01/06/2024")]  # ended without a reason
    assert flagged(R142, Y, {"Episodes": rows}) == {("Episodes", 2, "B"), ("Episodes", 4, "C")}


def test_164_distance_must_be_in_range_unless_uasc():
    rows = [ep("A", "01/04/2024"), ep("B", "01/04/2024", place="ZZ1 1ZZ"), ep("C", "01/04/2024", place="ZZ1 1ZZ")]
    uasc = [{"CHILD": "C", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/01/2026"}]
    got = flagged(R164, Y, {"Episodes": rows, "UASC": uasc}, postcodes=POSTCODES, la="E10000016")
    assert got == {("Episodes", 1, "B")}


def test_169_and_179_placement_area_must_be_known_except_for_short_breaks():
    rows = [ep("A", "01/04/2024"), ep("B", "01/04/2024", place="XX9 9XX"),
            ep("C", "01/04/2024", place="XX9 9XX", ls="V3"), ep("D", "01/04/2024", place="CF10 1AA")]
    assert flagged(R169, Y, {"Episodes": rows}, postcodes=POSTCODES, la="E10000016") == {("Episodes", 1, "B")}
    assert flagged(R179, Y, {"Episodes": rows}, postcodes=POSTCODES, la="E10000016") == {("Episodes", 1, "B")}
