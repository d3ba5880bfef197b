"""SQL shared by the SSDA903 rules (this module defines no rules of its own).

Two kinds of thing live here:

- **fragments**: SQL text a rule's query embeds, so that the DfE's derived items ("looked after
  continuously for 12 months", a placement's local authority and distance, periods of care) are
  written once. Functions returning ``name AS (...)`` give common table expressions for a ``WITH``.
- **factories**: functions returning a whole ``Rule`` for a family of rules that differ only in
  table and field (a value that is not valid, a code not in the year's list, periods that overlap).
  The families every return shares (dates outside the collection year, dates out of order) are in
  ``clearsight.rules.families``.
"""

from __future__ import annotations

from clearsight.rules.definition import Rule

# needs= of a rule that reads last year's return.
PREVIOUS = ("previous",)


def present(table: str, field: str, alias: str = "") -> str:
    """True when the field was filled in: a typed value, or a value that could not be typed.

    Date and number columns hold NULL for a value that is not a date or number; the DfE's
    "completed" / "left blank" tests treat such a value as completed, so look in ``invalid_values``.
    """
    a = f"{alias}." if alias else ""
    return (f"({a}{field.lower()} IS NOT NULL OR {a}row_no IN (SELECT row_no FROM invalid_values "
            f"WHERE table_name = '{table}' AND field = '{field}'))")


def blank(table: str, field: str, alias: str = "") -> str:
    """True when the field was left blank: the opposite of ``present``."""
    return f"NOT {present(table, field, alias)}"


def invalid(table: str, field: str) -> str:
    """The rows of ``table`` whose ``field`` holds a value that is not valid for its type."""
    return f"SELECT row_no, child_id FROM invalid_values WHERE table_name = '{table}' AND field = '{field}'"


def oc3_completed(alias: str = "") -> str:
    """Care leaver information completed: an OC3 row with IN_TOUCH, ACTIV or ACCOM given."""
    a = f"{alias}." if alias else ""
    return f"({a}in_touch IS NOT NULL OR {a}activ IS NOT NULL OR {a}accom IS NOT NULL)"


# Children looked after continuously for at least 12 months at 31 March (the OC2 cohort), as the
# DfE's derived item LOOKED_AFTER_CONTINUOUSLY is defined: looked after at some point in the year,
# and no episode that starts a period of care after 1 April (RNE S), ends one before 31 March
# (REC other than X1) or is a short break (LS V3/V4) during the year. A subquery of child_id: use it
# as ``child_id IN (...)`` or ``child_id NOT IN (...)`` (it holds no NULL, so NOT IN is safe).
CONTINUOUSLY_LOOKED_AFTER = """
    SELECT child_id FROM Episodes WHERE child_id IS NOT NULL GROUP BY child_id
    HAVING bool_or(coalesce(decom <= collection_end() AND (dec >= collection_start() OR dec IS NULL), false))
       AND NOT bool_or(coalesce(
                (rne = 'S' AND decom > collection_start() AND decom <= collection_end())
             OR (rec IS DISTINCT FROM 'X1' AND dec >= collection_start() AND dec < collection_end())
             OR (ls IN ('V3', 'V4') AND decom <= collection_end() AND (dec >= collection_start() OR dec IS NULL)),
             false))
"""

# Children looked after on 31 March: an open episode that is not a short break.
LOOKED_AFTER_AT_31_MARCH = """
    SELECT DISTINCT child_id FROM Episodes
    WHERE dec IS NULL AND coalesce(ls, '') NOT IN ('V3', 'V4')
      AND row_no NOT IN (SELECT row_no FROM invalid_values WHERE table_name = 'Episodes' AND field = 'DEC')
"""


def placement_fields(view: str = "Episodes", name: str = "placed") -> str:
    """``name`` AS the rows of ``view`` with the DfE's derived ``pl_la``, ``pl_location``, ``pl_distance``.

    ``pl_la`` is the placement postcode's local authority (``SCO``, ``WAL`` or ``NIR`` outside England);
    ``pl_location`` is ``IN`` when that is the council (``la_code()``), ``OUT`` otherwise, blank when the
    postcode is not known; ``pl_distance`` is the straight-line distance in miles between the home and
    placement postcodes, to one decimal place, blank unless both are known. Needs ``postcodes``.
    """
    return f"""{name} AS (
        SELECT e.*,
               CASE WHEN pl.la_code LIKE 'S%' THEN 'SCO' WHEN pl.la_code LIKE 'W%' THEN 'WAL'
                    WHEN pl.la_code LIKE 'N%' THEN 'NIR' ELSE pl.la_code END AS pl_la,
               CASE WHEN pl.la_code IS NULL THEN NULL
                    WHEN pl.la_code LIKE 'S%' OR pl.la_code LIKE 'W%' OR pl.la_code LIKE 'N%' THEN 'OUT'
                    WHEN pl.la_code = la_code() THEN 'IN' ELSE 'OUT' END AS pl_location,
               round(sqrt((hm.easting - pl.easting) ^ 2 + (hm.northing - pl.northing) ^ 2) / 1000 / 1.6093, 1)
                   AS pl_distance
        FROM {view} e
        LEFT JOIN postcodes pl ON pl.postcode = e.pl_post_norm
        LEFT JOIN postcodes hm ON hm.postcode = e.home_post_norm
    )"""


def periods_of_care(view: str = "Episodes", name: str = "poc") -> str:
    """``name`` AS one row per period of care: ``child_id``, ``poc_decom``, ``poc_dec``.

    Episodes (with a start date) are read in date order; a new period starts with a child's first
    episode and whenever an episode starts after the previous one ceased. ``poc_dec`` is the ceased
    date of the period's last episode (blank while the period is open).
    """
    return f"""{name}_steps AS (
        SELECT child_id, decom, dec, row_no,
               CASE WHEN row_number() OVER w = 1 THEN 1
                    WHEN decom > lag(dec) OVER w THEN 1 ELSE 0 END AS starts
        FROM {view} WHERE decom IS NOT NULL
        WINDOW w AS (PARTITION BY child_id ORDER BY decom, row_no)
    ),
    {name}_numbered AS (
        SELECT *, sum(starts) OVER (PARTITION BY child_id ORDER BY decom, row_no) AS period
        FROM {name}_steps
    ),
    {name} AS (
        SELECT DISTINCT child_id, period,
               first_value(decom) OVER p AS poc_decom,
               last_value(dec) OVER p AS poc_dec
        FROM {name}_numbered
        WINDOW p AS (PARTITION BY child_id, period ORDER BY decom, row_no
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
    )"""


def first_and_last_episodes(this: str = "Episodes", last: str = "prev_Episodes") -> str:
    """``first_ep`` AS each child's first episode in ``this``, ``last_ep`` AS their last in ``last``.

    First and last are by start date, then file order; episodes without a start date are left out.
    """
    return f"""first_ep AS (
        SELECT * FROM {this} WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom, row_no) = 1
    ),
    last_ep AS (
        SELECT * FROM {last} WHERE decom IS NOT NULL
        QUALIFY row_number() OVER (PARTITION BY child_id ORDER BY decom DESC, row_no) = 1
    )"""


# --- factories -----------------------------------------------------------------------------------


def not_valid(code: str, table: str, field: str, notes: str = "") -> Rule:
    """A value that is not valid for the field's type (a date that is not a date); a blank passes."""
    return Rule(code, "ssda903", {table: (field,)}, f"""
    SELECT '{table}', row_no, child_id FROM ({invalid(table, field)})
""", notes=notes)


def not_in_codes(code: str, table: str, field: str, *, blank_allowed: bool, notes: str = "") -> Rule:
    """A value not in the year's code list for the field; a blank is an error too unless ``blank_allowed``."""
    col = field.lower()
    blank_test = f"{col} IS NOT NULL AND" if blank_allowed else f"{col} IS NULL OR"
    return Rule(code, "ssda903", {table: (field,)}, f"""
    SELECT '{table}', row_no, child_id FROM {table} WHERE {blank_test} {col} NOT IN {{codes:{table}.{field}}}
""", notes=notes)


def overlaps_the_one_before(code: str, table: str, fields: tuple[str, ...], start: str, end: str, order: str,
                            *, open_if_end_not_a_date: bool = True, notes: str = "") -> Rule:
    """Periods (rows of ``table`` from ``start`` to ``end``) that overlap: a period is flagged when the one
    before it, in ``order`` (then file order), is still open or ends after it starts.

    A period is open when its end is blank; an end that is there but not a date counts as open unless
    ``open_if_end_not_a_date`` is false (the date-format rule reports it).
    """
    is_open = f"p.{end} IS NULL"
    if not open_if_end_not_a_date:
        is_open += (f" AND NOT EXISTS (SELECT 1 FROM invalid_values v WHERE v.table_name = '{table}' "
                    f"AND v.field = '{end.upper()}' AND v.row_no = p.row_no)")
    return Rule(code, "ssda903", {table: fields}, f"""
    WITH periods AS (SELECT p.*, {is_open} AS is_open FROM {table} p)
    SELECT '{table}', row_no, child_id FROM (
        SELECT *, lag(row_no) OVER w AS prev_row, lag({end}) OVER w AS prev_end, lag(is_open) OVER w AS prev_open
        FROM periods
        WINDOW w AS (PARTITION BY child_id ORDER BY {order}, row_no))
    WHERE prev_row IS NOT NULL AND (prev_open OR {start} < prev_end)
""", notes=notes)
