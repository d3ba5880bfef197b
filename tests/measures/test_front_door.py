"""Spec tests for the front door measure FD01, with the early help count EH01 (tested together, from one
extract), and a measure whose return is not loaded."""

from clearsight.measures.defs.early_help import EH01
from clearsight.measures.defs.front_door import FD01
from clearsight.measures.testing import nums

Y = "2024-25"



def ref(child, date, closed="", reason=""):
    return {"LAchildID": child, "CINreferralDate": date, "CINclosureDate": closed, "ReasonForClosure": reason,
            "ReferralNFA": "0"}



def test_fd01_and_eh01_count_contacts_and_early_help():
    contacts = [{"contact_id": "1", "child_id": "A", "contact_date": "2024-05-01", "source": "1A", "outcome": "NFA"},
                {"contact_id": "2", "child_id": "A", "contact_date": "2025-05-01", "source": "1A", "outcome": "REF"}]
    early = [{"episode_id": "E1", "child_id": "A", "team_id": "T1", "start_date": "2024-07-01"}]
    loads = [("cms", Y, {"contacts": contacts, "early_help": early})]
    assert nums(FD01, loads, [Y]) == {(Y, None): (1, None, 1)}
    assert nums(EH01, loads, [Y]) == {(Y, None): (1, None, 1)}



def test_a_measure_whose_return_is_not_loaded_has_no_value():
    assert nums(FD01, [("cin", Y, {"CINdetails": [ref("A", "2024-05-01")]})], [Y]) == {(Y, None): (None, None, None)}
