"""Integrity checks across the 903 tables (the peer validator's EPI, INT and NoE checks).

These are not DfE rules: they check that the CSV tables of one return fit together (every child in
Header, one date of birth and sex per child, one row a child where the DfE has one) and that last
year's return holds the episodes that started before this year.
"""

from clearsight.rules.definition import Rule

# A child with neither episodes nor care-leaver details cannot be validated further.
EPI = Rule("EPI", "ssda903", {"Header": ("CHILD",)}, """
    SELECT 'Header', h.row_no, h.child_id FROM Header h
    WHERE NOT EXISTS (SELECT 1 FROM Episodes e WHERE e.child_id = h.child_id)
      AND NOT EXISTS (SELECT 1 FROM OC3 o WHERE o.child_id = h.child_id)
""")


def _not_in_header(code: str, table: str) -> Rule:
    # With no Header rows at all the check is not made: one missing file, not every child.
    return Rule(code, "ssda903", {table: ("CHILD",)}, f"""
        SELECT '{table}', t.row_no, t.child_id FROM "{table}" t
        WHERE NOT EXISTS (SELECT 1 FROM Header h WHERE h.child_id = t.child_id)
          AND EXISTS (SELECT 1 FROM Header)
    """, notes="Not made when the load has no Header rows at all, as the peer validator skips it "
               "without a header file.")


def _differs_from_header(code: str, table: str, field: str) -> Rule:
    col = field.lower()
    return Rule(code, "ssda903", {table: (field,)}, f"""
        SELECT '{table}', t.row_no, t.child_id FROM "{table}" t
        JOIN Header h ON h.child_id = t.child_id
        WHERE t.{col} <> h.{col}
    """)


def _more_than_once(code: str, table: str) -> Rule:
    return Rule(code, "ssda903", {table: ("CHILD",)}, f"""
        SELECT '{table}', row_no, child_id FROM (
            SELECT row_no, child_id, count(*) OVER (PARTITION BY child_id) AS n FROM "{table}")
        WHERE n > 1 AND child_id IS NOT NULL
    """)


_IN_HEADER = {"INT01": "AD1", "INT02": "PlacedAdoption", "INT03": "Episodes", "INT04": "Missing", "INT05": "OC2",
              "INT06": "OC3", "INT07": "PrevPerm", "INT08": "Reviews", "INT09": "UASC"}
_SAME_DOB = {"INT11": "AD1", "INT12": "PlacedAdoption", "INT13": "Missing", "INT14": "OC2", "INT15": "OC3",
             "INT16": "PrevPerm", "INT17": "Reviews", "INT18": "UASC"}
_ONCE = {"INT31": "AD1", "INT32": "Header", "INT33": "OC2", "INT34": "OC3", "INT35": "PrevPerm", "INT36": "UASC"}

INT = ([_not_in_header(code, table) for code, table in _IN_HEADER.items()]
       + [_differs_from_header(code, table, "DOB") for code, table in _SAME_DOB.items()]
       + [_differs_from_header("INT21", "UASC", "SEX")]
       + [_more_than_once(code, table) for code, table in _ONCE.items()])

# An episode that started before 1 April should have been in last year's return.
NoE = Rule("NoE", "ssda903", {"Episodes": ("DECOM",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.decom < collection_start()
      AND NOT EXISTS (SELECT 1 FROM prev_Episodes p WHERE p.child_id = e.child_id)
""", needs=("previous",))

RULES = [EPI, *INT, NoE]
