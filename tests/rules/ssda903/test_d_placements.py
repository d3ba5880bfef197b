"""Spec tests for the placement rules: URNs, reasons for a change, own provision out of area."""


from clearsight.rules.ssda903.d_placements import R1008, R1009, R1015
from clearsight.rules.testing import flagged


def ep(child, **kw):
    return {"CHILD": child, "DECOM": "01/06/2024", "RNE": "S", "LS": "C2", "CIN": "N1", "PLACE": "K2", **kw}


def test_1008_urn_must_be_on_ofsteds_lists():
    episodes = [ep("A", URN="SC123456"), ep("B", URN="1234567"), ep("C", URN="XXXXXXX"), ep("D"),
                ep("E", URN="sc999999"), ep("F", URN="sc123456")]
    providers = [{"urn": "SC123456", "provider_type": "Children's home"},
                 {"urn": "1234567", "provider_type": "Independent fostering agency"}]
    assert flagged(R1008, "2024-25", {"Episodes": episodes}, providers=providers) == {("Episodes", 4, "E")}


def test_1009_reason_for_placement_change_must_be_a_code():
    rows = [ep("A", REASON_PLACE_CHANGE="CARPL"), ep("B", REASON_PLACE_CHANGE="MOVED"), ep("C")]
    assert flagged(R1009, "2024-25", {"Episodes": rows}) == {("Episodes", 1, "B")}


def test_1015_own_provision_must_be_in_the_councils_area():
    # A stand-in for the postcode lookup (postcodes upper-case without spaces, upper-tier authority):
    # two postcodes in Hampshire's area and one in Portsmouth.
    postcodes = [{"postcode": "SO238UJ", "la_code": "E10000014", "easting": 448000, "northing": 129000},
                 {"postcode": "PO12AB", "la_code": "E06000044", "easting": 464000, "northing": 100000},
                 {"postcode": "SO225DD", "la_code": "E10000014", "easting": 446000, "northing": 130000}]
    episodes = [
        ep("A", PLACE_PROVIDER="PR1", PL_POST="SO23 8UJ"),              # own home in own area
        ep("B", PLACE_PROVIDER="PR1", PL_POST="po12ab"),                # own home in Portsmouth: flagged
        ep("C", PLACE_PROVIDER="PR2", PL_POST="PO1 2AB"),               # another council's provision
        ep("D", PLACE_PROVIDER="PR1", PL_POST="PO1 2AB", PLACE="U1"),   # connected person, left out
        ep("E", PLACE_PROVIDER="PR1", PL_POST="PO1 2AB", LS="V3"),      # short breaks, left out
        ep("F", PLACE_PROVIDER="PR1", PL_POST=""),                      # no postcode: cannot say
    ]
    assert flagged(R1015, "2024-25", {"Episodes": episodes}, la="E10000014", postcodes=postcodes) == {
        ("Episodes", 1, "B")}
