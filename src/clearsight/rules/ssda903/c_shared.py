"""SQL building blocks shared by the ``c_*`` rule modules (this module defines no rules).

Each block is a common table expression; a rule puts the ones it needs in its ``WITH`` clause.
They follow the DfE's derived items: the placement's local authority, location and distance
(``PL_LA``, ``PL_LOCATION``, ``PL_DISTANCE``, worked out from the postcodes), periods of care,
and "looked after continuously for 12 months" at 31 March.
"""

from __future__ import annotations

# The order episodes are read in: by start date, then as they come in the file.
EPISODE_ORDER = "PARTITION BY child_id ORDER BY decom NULLS LAST, row_no"


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


# Children looked after continuously for the whole year to 31 March: in care during the year, and no
# episode in the year that starts a period of care (after 1 April), ends one (before 31 March) or is
# short-term respite (V3, V4).
CONTINUOUSLY_LOOKED_AFTER = """cla12 AS (
        SELECT child_id FROM Episodes
        GROUP BY child_id
        HAVING coalesce(bool_or(decom <= collection_end() AND (dec >= collection_start() OR dec IS NULL)), false)
           AND NOT coalesce(bool_or(
                   (rne = 'S' AND decom > collection_start() AND decom <= collection_end())
                OR (rec IS DISTINCT FROM 'X1' AND dec >= collection_start() AND dec < collection_end())
                OR (ls IN ('V3', 'V4') AND decom <= collection_end()
                    AND (dec >= collection_start() OR dec IS NULL))), false)
    )"""
