"""SSDA903 rules on where and with whom a child is placed: 1008, 1009, 1015."""

from clearsight.rules.definition import Rule

# "Ofsted Unique Reference Number (URN) is not valid."
R1008 = Rule("1008", "ssda903", {"Episodes": ("URN",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.urn IS NOT NULL AND upper(e.urn) <> 'XXXXXXX'
      AND upper(e.urn) NOT IN (SELECT upper(trim(CAST(urn AS VARCHAR))) FROM providers WHERE urn IS NOT NULL)
""", needs=("providers",), notes="XXXXXXX (no URN) is allowed; any other URN must be on Ofsted's lists. "
                                 "URNs are compared as text, so SC123456 and 1234567 both work.")

# "Reason for placement change is not a valid code."
R1009 = Rule("1009", "ssda903", {"Episodes": ("REASON_PLACE_CHANGE",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE reason_place_change IS NOT NULL AND reason_place_change NOT IN {codes:Episodes.REASON_PLACE_CHANGE}
""")

# "Placement provider is own provision but child not placed in own LA."
R1015 = Rule("1015", "ssda903", {"Episodes": ("PLACE_PROVIDER", "PL_POST")}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    JOIN postcodes pc ON pc.postcode = e.pl_post_norm
    WHERE e.place_provider = 'PR1'
      AND e.place IS NOT NULL AND e.ls IS NOT NULL
      AND e.place NOT IN ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6', 'K3')
      AND e.ls NOT IN ('V3', 'V4')
      AND pc.la_code IS DISTINCT FROM la_code()
""", needs=("la", "postcodes"),
    notes="The placement's authority is the one its postcode (PL_POST) lies in, compared with the "
          "council's own code; adoption and connected-person placements (A3-A6, U1-U6, K3) and short "
          "breaks (V3, V4) are left out. A placement whose postcode is blank or unknown cannot be "
          "placed and is not flagged; the peer flags it as out of area.")

RULES = [R1008, R1009, R1015]
