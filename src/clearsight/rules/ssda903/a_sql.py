"""SQL fragments shared by the ``a_*`` 903 rule modules (no rules here).

Each fragment is plain SQL text that a rule's query embeds; keeping them in one place means the
definition of, say, "looked after continuously for 12 months at 31 March" is written once.
"""


def present(table: str, field: str, alias: str = "") -> str:
    """True when the field was filled in: a typed value, or a value that could not be typed.

    Date and number columns hold NULL for a value that is not a date or number; the DfE's
    "completed" / "left blank" tests treat such a value as completed, so look in ``invalid_values``.
    """
    a = f"{alias}." if alias else ""
    return (f"({a}{field.lower()} IS NOT NULL OR {a}row_no IN (SELECT row_no FROM invalid_values "
            f"WHERE table_name = '{table}' AND field = '{field}'))")


def invalid(table: str, field: str) -> str:
    """The rows of ``table`` whose ``field`` holds a value that is not valid for its type."""
    return f"SELECT row_no, child_id FROM invalid_values WHERE table_name = '{table}' AND field = '{field}'"


# Children looked after continuously for at least 12 months at 31 March (the OC2 cohort), as the
# DfE's derived item LOOKED_AFTER_CONTINUOUSLY is defined: looked after at some point in the year,
# and no episode that starts a period of care after 1 April (RNE S), ends one before 31 March
# (REC other than X1) or is a short break (LS V3/V4) during the year.
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
