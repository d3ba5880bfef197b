"""Which indicators of the reference list are implemented, and why the others are not."""

from __future__ import annotations

import csv

from clearsight.config import REFERENCE_DIR
from clearsight.measures.registry import all_measures

# Indicators that cannot be computed from the data Clearsight loads, and why.
NOT_COMPUTABLE = {
    "OF01": "an Ofsted judgement, not computed from council data (shown from reference/ofsted)",
    "OF02": "an Ofsted judgement, not computed from council data (shown from reference/ofsted)",
    "AD04": "adopter approval stages are not in any return or in the case-management extract",
    "CL05": "care leavers aged 22 to 25 are not in the returns Clearsight loads (the 903's OC3 covers 17 to 21) "
            "and whether they asked for and received support is not in the case-management extract",
    "CL07": "needs health partners' records (the care leavers' health history feature)",
}


def measure_status() -> list[dict]:
    implemented = all_measures()
    out = []
    with (REFERENCE_DIR / "measures" / "indicators.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            iid = row["id"]
            subs = [m for mid, m in implemented.items() if mid == iid or (mid.startswith(iid) and mid[len(iid):].isalpha())]
            if subs:
                for m in subs:
                    out.append({"id": m.id, "name": m.name, "status": "implemented", "unit": m.unit,
                                "better": {True: "higher", False: "lower", None: "neither"}[m.higher_is_better],
                                "england": m.england, "england_period": m.england_period,
                                "england_source": m.england_source,
                                "england_url": m.england_figure.url if m.england_source else ""})
            else:
                out.append({"id": iid, "name": row["name"],
                            "status": "not computable: " + NOT_COMPUTABLE[iid] if iid in NOT_COMPUTABLE else "not yet implemented",
                            "unit": None, "better": None, "england": None})
    return out
