"""The postcode lookup (warehouse reference data) the 903 distance and placement-area rules use."""

import duckdb
import pytest

from clearsight.warehouse import reference as postcodes


@pytest.fixture(scope="module")
def con():
    c = duckdb.connect()
    postcodes.install_postcodes(c)
    yield c
    c.close()


def lookup(con, code):
    return con.execute("SELECT la_code, lad_code, country, easting, northing FROM postcodes "
                       "WHERE postcode = upper(replace(?, ' ', ''))", [code]).fetchall()


def test_a_postcode_in_a_county_district_belongs_to_the_county(con):
    # ME14 1XX is in Maidstone (E07000110), a district of Kent, whose children's services are Kent's.
    [(la, lad, country, east, north)] = lookup(con, "me14 1xx")
    assert (la, lad, country) == ("E10000016", "E07000110", "ENG")
    assert 570_000 < east < 580_000 and 150_000 < north < 160_000


def test_unitary_london_and_other_nations_keep_their_own_code(con):
    assert lookup(con, "SW1A 1AA")[0][:3] == ("E09000033", "E09000033", "ENG")  # Westminster
    assert lookup(con, "CF10 1AA")[0][2] == "WAL"
    assert lookup(con, "EH1 1YZ")[0][2] == "SCO"
    assert lookup(con, "BT1 1AA")[0][2] == "NIR"


def test_postcodes_are_stored_without_spaces_and_unique(con):
    n, distinct, spaced, lower = con.execute(
        "SELECT count(*), count(DISTINCT postcode), count(*) FILTER (WHERE postcode LIKE '% %'), "
        "count(*) FILTER (WHERE postcode <> upper(postcode)) FROM postcodes").fetchall()[0]
    assert n > 2_000_000 and n == distinct and spaced == 0 and lower == 0
    assert lookup(con, "ZZ9 9ZZ") == []


def test_every_english_postcode_maps_to_one_of_the_153_childrens_services_authorities(con):
    codes = con.execute("SELECT DISTINCT la_code FROM postcodes WHERE country = 'ENG'").fetchall()
    assert len(codes) == 153
    assert all(c[0][:3] in ("E06", "E08", "E09", "E10") for c in codes)


def test_distance_in_miles_between_two_postcodes(con):
    # Maidstone to Westminster is about 32 miles in a straight line.
    miles = con.execute("""
        SELECT round(sqrt((a.easting - b.easting) ^ 2 + (a.northing - b.northing) ^ 2) / 1000 / 1.6093, 1)
        FROM postcodes a, postcodes b WHERE a.postcode = 'ME141XX' AND b.postcode = 'SW1A1AA'""").fetchall()[0][0]
    assert 30 < miles < 35


def test_install_is_idempotent_and_each_connection_gets_its_own_table(con):
    postcodes.install_postcodes(con)
    other = duckdb.connect()
    postcodes.install_postcodes(other)
    assert other.execute("SELECT count(*) FROM postcodes").fetchall() == con.execute(
        "SELECT count(*) FROM postcodes").fetchall()
    other.close()
