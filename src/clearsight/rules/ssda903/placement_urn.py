"""SSDA903 rules on the Ofsted URN of a placement: when it is required, and whether it agrees with
Ofsted's provider lists (placement type, provider, postcode, dates, local authority).

Where the placement is (its local authority, or a country outside England) comes from the placement
postcode through the ``postcodes`` lookup; a provider's local authority comes from its postcode the
same way. ``XXXXXXX`` is the URN for placements with regional adoption agencies.
"""

from clearsight.rules.definition import Rule

# Placement types not registered with Ofsted. H5 needed no URN until 2023-24; Z1 became Z11-Z14 in 2025-26.
R222 = Rule("222", "ssda903", {"Episodes": ("URN",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE urn IS NOT NULL AND urn <> 'XXXXXXX'
      AND (place IN ('P1', 'P2', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4', 'Z11', 'Z12', 'Z13', 'Z14')
           OR (place = 'H5' AND collection_end() < DATE '2024-03-31')
           OR (place = 'Z1' AND collection_end() < DATE '2026-03-31'))
""")

R242 = Rule("242", "ssda903", {"Episodes": ("URN",)}, """
    SELECT 'Episodes', row_no, child_id FROM Episodes
    WHERE urn = 'XXXXXXX'
      AND coalesce(place NOT IN ('A3', 'A4', 'A5', 'A6', 'U1', 'U2', 'U3', 'U4', 'U5', 'U6'), true)
""")

# "Ofsted Unique Reference Number (URN) is not valid."
R1008 = Rule("1008", "ssda903", {"Episodes": ("URN",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.urn IS NOT NULL AND upper(e.urn) <> 'XXXXXXX'
      AND upper(e.urn) NOT IN (SELECT upper(trim(CAST(urn AS VARCHAR))) FROM providers WHERE urn IS NOT NULL)
""", needs=("providers",), notes="XXXXXXX (no URN) is allowed; any other URN must be on Ofsted's lists. "
                                 "URNs are compared as text, so SC123456 and 1234567 both work.")

# The placement's children's services authority and country, from PL_POST (NULL when not found).
PLACED = """
    placed AS (
        SELECT e.*, pc.la_code AS pl_la, pc.country AS pl_country FROM Episodes e
        LEFT JOIN postcodes pc ON pc.postcode = e.pl_post_norm
    )"""

# One row per provider row in Ofsted's lists: URN, placement codes, provider codes, postcode and the
# local authority its postcode lies in.
PROVIDERS = """
    prov AS (
        SELECT upper(trim(CAST(p.urn AS VARCHAR))) AS urn,
               regexp_split_to_array(upper(coalesce(CAST(p.placement_code AS VARCHAR), '')), '[^A-Z0-9]+') AS places,
               regexp_split_to_array(upper(coalesce(CAST(p.placement_provider_code AS VARCHAR), '')), '[^A-Z0-9]+')
                   AS provider_codes,
               p.postcode_norm AS postcode,
               CAST(p.closed_date AS DATE) AS closed_date
        FROM providers p WHERE p.urn IS NOT NULL
    )"""

WITH_URN = "e.urn IS NOT NULL AND e.urn <> 'XXXXXXX'"

# A URN is required for placements registered with Ofsted in England that were open in the year.
R218 = Rule("218", "ssda903", {"Episodes": ("URN",)}, f"""
    WITH {PLACED}
    SELECT 'Episodes', row_no, child_id FROM placed
    WHERE urn IS NULL AND coalesce(dec >= collection_start(), true)
      AND coalesce(pl_country, 'ENG') = 'ENG'
      AND NOT coalesce(place IN ('P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4',
                                 'Z11', 'Z12', 'Z13', 'Z14')
                       OR (place IN ('H5', 'P2') AND collection_end() < DATE '2025-03-31')
                       OR (place = 'Z1' AND collection_end() < DATE '2026-03-31'), false)
""", needs=("postcodes",), notes="A placement is outside England only when its postcode is found outside "
                                 "England. Before 2025-26 the peer also treats a blank or unknown placement "
                                 "postcode as outside England and so never asks for its URN.")

R219 = Rule("219", "ssda903", {"Episodes": ("URN", "PLACE")}, f"""
    WITH {PROVIDERS}
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE {WITH_URN}
      AND NOT EXISTS (SELECT 1 FROM prov WHERE prov.urn = upper(e.urn) AND list_contains(prov.places, e.place))
""", needs=("providers",), notes="A URN that is not in Ofsted's lists is reported, as it cannot match.")

# Homes, secure units, residential schools and (from 2024-25) supported accommodation: the placement
# postcode must be the provider's. H5 took part only in 2023-24.
R221 = Rule("221", "ssda903", {"Episodes": ("PL_POST",)}, f"""
    WITH {PROVIDERS}
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE {WITH_URN} AND coalesce(e.ls NOT IN ('V3', 'V4'), true) AND e.pl_post IS NOT NULL
      AND (e.place IN ('K1', 'K2', 'K3', 'R3', 'S1')
           OR (e.place = 'H5' AND collection_end() = DATE '2024-03-31'))
      AND NOT EXISTS (SELECT 1 FROM prov WHERE prov.urn = upper(e.urn)
                      AND prov.postcode = e.pl_post_norm)
""", needs=("providers",))

# A URN not in the lists is reported, as it cannot match.
R224 = Rule("224", "ssda903", {"Episodes": ("PLACE_PROVIDER",)}, f"""
    WITH {PROVIDERS}
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE {WITH_URN}
      AND NOT EXISTS (SELECT 1 FROM prov WHERE prov.urn = upper(e.urn)
                      AND (list_contains(prov.provider_codes, e.place_provider) OR prov.provider_codes = ['']))
""", needs=("providers",), notes="A provider whose list gives no placement provider code (Ofsted's supported "
                                 "accommodation sheet has none) is not judged; the peer assumes PR4 for it.")

# The provider's registration end: none while any of its rows is still open.
CLOSED = """
    closed AS (
        SELECT urn, CASE WHEN bool_or(closed_date IS NULL) THEN NULL ELSE max(closed_date) END AS reg_end
        FROM prov GROUP BY urn
    )"""

R227 = Rule("227", "ssda903", {"Episodes": ("URN", "DECOM")}, f"""
    WITH {PROVIDERS}, {CLOSED}
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN closed c ON c.urn = upper(e.urn)
    WHERE {WITH_URN} AND c.reg_end IS NOT NULL AND e.decom >= c.reg_end
""", needs=("providers",))

# An open episode is checked at 31 March.
R228 = Rule("228", "ssda903", {"Episodes": ("URN", "DEC")}, f"""
    WITH {PROVIDERS}, {CLOSED}
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN closed c ON c.urn = upper(e.urn)
    WHERE {WITH_URN} AND c.reg_end IS NOT NULL AND coalesce(e.dec, collection_end()) > c.reg_end
""", needs=("providers",))

# PR1 (the council's own provision) must be in the council's area; PR2 (another council's) must not.
# From 2025-26 placement types that have no URN, or several premises (K3), are left out.
R229 = Rule("229", "ssda903", {"Episodes": ("URN", "PLACE_PROVIDER")}, f"""
    WITH {PROVIDERS},
    prov_la AS (
        SELECT prov.urn, list(DISTINCT pc.la_code) AS las FROM prov
        JOIN postcodes pc ON pc.postcode = prov.postcode GROUP BY prov.urn
    )
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e JOIN prov_la p ON p.urn = upper(e.urn)
    WHERE {WITH_URN}
      AND NOT (collection_end() >= DATE '2026-03-31'
               AND coalesce(e.place IN ('K3', 'P1', 'P3', 'R1', 'R2', 'R5', 'T0', 'T1', 'T2', 'T3', 'T4',
                                        'Z11', 'Z12', 'Z13', 'Z14'), false))
      AND ((e.place_provider = 'PR1' AND NOT list_contains(p.las, la_code()))
           OR (e.place_provider = 'PR2' AND list_contains(p.las, la_code())))
""", needs=("providers", "postcodes", "la"),
    notes="A provider whose URN or postcode is not found is not judged (the peer reports PR1 placements "
          "with such providers).")

R230 = Rule("230", "ssda903", {"Episodes": ("PLACE", "DEC", "URN")}, f"""
    WITH {PLACED}
    SELECT 'Episodes', row_no, child_id FROM placed
    WHERE place = 'H5' AND coalesce(dec >= DATE '2023-10-29', true)
      AND (urn IS NULL OR urn = 'XXXXXXX') AND coalesce(pl_country, 'ENG') = 'ENG'
""", needs=("postcodes",), notes="The peer treats a blank or unknown placement postcode as outside England.")

# Supported accommodation (K3): the placement's local authority must be one where the provider has
# premises, as Ofsted's lists give them.
R241 = Rule("241", "ssda903", {"Episodes": ("URN",)}, f"""
    WITH {PLACED}, {PROVIDERS},
    prov_la AS (
        SELECT prov.urn, list(DISTINCT pc.la_code) AS las FROM prov
        JOIN postcodes pc ON pc.postcode = prov.postcode GROUP BY prov.urn
    )
    SELECT 'Episodes', e.row_no, e.child_id FROM placed e JOIN prov_la p ON p.urn = upper(e.urn)
    WHERE {WITH_URN} AND e.place = 'K3' AND e.pl_la IS NOT NULL AND NOT list_contains(p.las, e.pl_la)
""", needs=("providers", "postcodes"),
    notes="Compares the placement's local authority with the provider's premises in Ofsted's lists, as the "
          "DfE rule says; the peer compares it with the placing council instead, so it reports every K3 "
          "placement outside the council's own area.")

R243 = Rule("243", "ssda903", {"Episodes": ("URN",)}, f"""
    WITH {PLACED}
    SELECT 'Episodes', row_no, child_id FROM placed WHERE urn IS NOT NULL AND pl_country <> 'ENG'
""", needs=("postcodes",))

RULES = [R222, R242, R1008, R218, R219, R221, R224, R227, R228, R229, R230, R241, R243]
