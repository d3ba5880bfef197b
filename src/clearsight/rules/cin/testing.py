"""Spec-test support for CIN rules: write a census as nested children, get the flat DfE tables.

The CIN census nests modules (Child > CINdetails > Assessments, CINPlanDates, Section47,
ChildProtectionPlans > Reviews); the rules see flat tables linked by row numbers. ``census()`` numbers
the rows in document order and fills the links (``child_row``, ``referral_row``, ``cp_plan_row``,
``reviews_block``) the way the loader does, so a spec test reads like the XML::

    tables = census(child("A", PersonDeathDate="2024-06-01",
                          referrals=[referral(CINreferralDate="2024-07-01")]))
    flagged(R8555Q, "2024-25", tables)

Field names are the XML element names; values are raw text, as in the file.
"""

from __future__ import annotations


def child(child_id: str | None, *, referrals=(), **fields) -> dict:
    """A ``Child``: its ChildIdentifiers/ChildCharacteristics fields and its CINdetails."""
    return {"LAchildID": child_id or "", **fields, "_referrals": list(referrals)}


def referral(*, assessments=(), plans=(), s47=(), cpps=(), **fields) -> dict:
    """A ``CINdetails`` module with its Assessments, CINPlanDates, Section47 and ChildProtectionPlans."""
    return {**fields, "_assessments": list(assessments), "_plans": list(plans), "_s47": list(s47),
            "_cpps": list(cpps)}


def cpp(*, reviews=(), **fields) -> dict:
    """A ``ChildProtectionPlans`` module; ``reviews`` holds one item a Reviews block: a date, or a tuple of them."""
    return {**fields, "_reviews": list(reviews)}


def census(*children: dict) -> dict[str, list[dict]]:
    """The flat DfE tables (``flagged()`` input) of the children given, with their row links."""
    t: dict[str, list[dict]] = {k: [] for k in ("ChildIdentifiers", "CINdetails", "Assessments", "CINplanDates",
                                                "Section47", "ChildProtectionPlans", "Reviews")}
    blocks = 0
    for c in children:
        cid = c["LAchildID"]
        child_row = len(t["ChildIdentifiers"])
        t["ChildIdentifiers"].append({k: v for k, v in c.items() if not k.startswith("_")})
        for r in c["_referrals"]:
            ref_row = len(t["CINdetails"])
            t["CINdetails"].append({"LAchildID": cid, "child_row": child_row,
                                    **{k: v for k, v in r.items() if not k.startswith("_")}})
            for key, table in (("_assessments", "Assessments"), ("_plans", "CINplanDates"), ("_s47", "Section47")):
                for m in r[key]:
                    t[table].append({"LAchildID": cid, "referral_row": ref_row, **m})
            for p in r["_cpps"]:
                plan_row = len(t["ChildProtectionPlans"])
                t["ChildProtectionPlans"].append({"LAchildID": cid, "referral_row": ref_row,
                                                  **{k: v for k, v in p.items() if not k.startswith("_")}})
                for block in p["_reviews"]:
                    for d in (block if isinstance(block, tuple) else (block,)):
                        t["Reviews"].append({"LAchildID": cid, "CPPreviewDate": d, "cp_plan_row": plan_row,
                                             "reviews_block": blocks})
                    blocks += 1
    return t
