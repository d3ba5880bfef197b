"""Spec tests for the placement location rules (``clearsight.rules.ssda903.placement_location``)."""

from clearsight.rules.ssda903.placement_location import R164, R169, R179, R1015, R392a, R392b, R392c, R392d
from clearsight.rules.testing import flagged

Y = "2024-25"


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "U1",
            "HOME_POST": "SW1A 1AA", "PL_POST": "ME14 1XX", **kw}


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


def ep_164(child, decom, dec="", rec="", home="ME14 1XX", place="TN1 1AA", ls="C2", row_no=None):
    return {"CHILD": child, "DECOM": decom, "DEC": dec, "REC": rec, "HOME_POST": home, "PL_POST": place, "LS": ls,
            "RNE": "S", "CIN": "N1", "PLACE": "U1"}


def ep_1015(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2", **kw}


def test_392a_a_distance_must_be_derivable():
    rows = [ep("A"), ep("B", HOME_POST=""), ep("C", PL_POST="ZZ9 9ZZ"), ep("D", HOME_POST="", LS="V3", PL_POST=""),
            ep("E", HOME_POST="")]
    uasc = [{"CHILD": "E", "SEX": "M", "DOB": "01/01/2008"}]
    # D is on short breaks; E is an unaccompanied asylum-seeking child.
    assert flagged(R392a, Y, {"Episodes": rows, "UASC": uasc}) == {("Episodes", 1, "B"), ("Episodes", 2, "C")}


def test_392b_postcodes_must_be_recorded():
    rows = [ep("A"), ep("B", PL_POST=""), ep("C", PL_POST="ZZ9 9ZZ"), ep("D", HOME_POST="", LS="V4"),
            ep("E", HOME_POST="")]
    uasc = [{"CHILD": "E", "SEX": "M", "DOB": "01/01/2008"}]
    assert flagged(R392b, Y, {"Episodes": rows, "UASC": uasc}) == {("Episodes", 1, "B")}


def test_392c_postcodes_must_exist():
    rows = [ep("A"), ep("B", PL_POST="ZZ9 9ZZ"), ep("C", HOME_POST="sw1a1aa"), ep("D", HOME_POST="")]
    assert flagged(R392c, Y, {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_392d_home_and_placement_the_same_only_when_placed_with_parents():
    rows = [ep("A", HOME_POST="ME14 1XX"), ep("B", HOME_POST="me141xx"), ep("C", HOME_POST="ME14 1XX", PLACE="P1"),
            ep("D", HOME_POST="ME15 6AA")]
    assert flagged(R392d, Y, {"Episodes": rows}) == {("Episodes", 0, "A"), ("Episodes", 1, "B")}


def test_164_distance_must_be_in_range_unless_uasc():
    rows = [ep_164("A", "01/04/2024"), ep_164("B", "01/04/2024", place="ZZ1 1ZZ"), ep_164("C", "01/04/2024", place="ZZ1 1ZZ")]
    uasc = [{"CHILD": "C", "SEX": "M", "DOB": "01/01/2008", "DUC": "01/01/2026"}]
    got = flagged(R164, Y, {"Episodes": rows, "UASC": uasc}, postcodes=POSTCODES, la="E10000016")
    assert got == {("Episodes", 1, "B")}


def test_169_and_179_placement_area_must_be_known_except_for_short_breaks():
    rows = [ep_164("A", "01/04/2024"), ep_164("B", "01/04/2024", place="XX9 9XX"),
            ep_164("C", "01/04/2024", place="XX9 9XX", ls="V3"), ep_164("D", "01/04/2024", place="CF10 1AA")]
    assert flagged(R169, Y, {"Episodes": rows}, postcodes=POSTCODES, la="E10000016") == {("Episodes", 1, "B")}
    assert flagged(R179, Y, {"Episodes": rows}, postcodes=POSTCODES, la="E10000016") == {("Episodes", 1, "B")}


def test_1015_own_provision_must_be_in_the_councils_area():
    # A stand-in for the postcode lookup (postcodes upper-case without spaces, upper-tier authority):
    # two postcodes in Hampshire's area and one in Portsmouth.
    postcodes = [{"postcode": "SO238UJ", "la_code": "E10000014", "easting": 448000, "northing": 129000},
                 {"postcode": "PO12AB", "la_code": "E06000044", "easting": 464000, "northing": 100000},
                 {"postcode": "SO225DD", "la_code": "E10000014", "easting": 446000, "northing": 130000}]
    episodes = [
        ep_1015("A", PLACE_PROVIDER="PR1", PL_POST="SO23 8UJ"),              # own home in own area
        ep_1015("B", PLACE_PROVIDER="PR1", PL_POST="po12ab"),                # own home in Portsmouth: flagged
        ep_1015("C", PLACE_PROVIDER="PR2", PL_POST="PO1 2AB"),               # another council's provision
        ep_1015("D", PLACE_PROVIDER="PR1", PL_POST="PO1 2AB", PLACE="U1"),   # connected person, left out
        ep_1015("E", PLACE_PROVIDER="PR1", PL_POST="PO1 2AB", LS="V3"),      # short breaks, left out
        ep_1015("F", PLACE_PROVIDER="PR1", PL_POST=""),                      # no postcode: cannot say
    ]
    assert flagged(R1015, "2024-25", {"Episodes": episodes}, la="E10000014", postcodes=postcodes) == {
        ("Episodes", 1, "B")}
