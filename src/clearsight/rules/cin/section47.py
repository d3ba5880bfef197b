"""CIN census rules on Section47 enquiries and initial child protection conferences."""

from clearsight.rules.cin.sql import before_referral, overlapping
from clearsight.rules.definition import Rule
from clearsight.rules.families import outside_collection_year
from clearsight.warehouse.reference import working_day_before_sql

R1104 = before_referral("1104", "Section47", "DateOfInitialCPC", "date_of_initial_cpc")

R2884 = Rule("2884", "cin", {"Section47": ("DateOfInitialCPC",), "CINdetails": ("DateOfInitialCPC",)}, """
    WITH bad AS (
        SELECT s.row_no AS s47_row, r.row_no AS ref_row, s.child_id
        FROM Section47 s JOIN CINdetails r ON s.referral_row = r.row_no
        WHERE s.date_of_initial_cpc = r.date_of_initial_cpc)
    SELECT 'Section47', s47_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
""", notes="The same conference (the same date) recorded on a Section47 module and on its own CINdetails. The "
           "peer matches the dates across all of the child's episodes.")

R2889 = before_referral("2889", "Section47", "S47ActualStartDate", "start_date")

R8615 = Rule("8615", "cin", {"Section47": ("S47ActualStartDate", "DateOfInitialCPC")}, """
    SELECT 'Section47', row_no, child_id FROM Section47
    WHERE date_of_initial_cpc IS NOT NULL AND (start_date IS NULL OR start_date > date_of_initial_cpc)
""")

R8675Q = Rule("8675Q", "cin", {"Section47": ("S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired")}, f"""
    SELECT 'Section47', row_no, child_id FROM Section47
    WHERE date_of_initial_cpc IS NULL AND icpc_not_required = false
      AND start_date < {working_day_before_sql("collection_end()", 15)}
""", notes="'ReferenceDate minus 15 working days' counts back 15 working days, the reference date not counted. "
           "The peer counts back 14, so it also queries an enquiry that started exactly 15 working days before.")

R8715 = outside_collection_year("cin", "8715", "Section47", "DateOfInitialCPC", "date_of_initial_cpc")

R8740 = Rule("8740", "cin", {"Section47": ("S47ActualStartDate", "DateOfInitialCPC", "ICPCnotRequired")}, """
    SELECT 'Section47', row_no, child_id FROM Section47
    WHERE date_of_initial_cpc IS NULL AND icpc_not_required = false
      AND (start_date IS NULL OR start_date NOT BETWEEN collection_start() AND collection_end())
""", notes="An enquiry still waiting for its conference must have started in the census year; one with no start "
           "date is reported too (the peer lets it pass).")

R8839 = Rule("8839", "cin", {"Section47": ("DateOfInitialCPC", "ICPCnotRequired")}, """
    SELECT 'Section47', row_no, child_id FROM Section47
    WHERE date_of_initial_cpc IS NULL AND icpc_not_required IS DISTINCT FROM true
    QUALIFY count(*) OVER (PARTITION BY referral_row) > 1
""", notes="Open: no conference date and the 'not required' flag not true. Within one CINdetails.")

R8870Q = Rule("8870Q", "cin", {"Section47": ("InitialCPCtarget",)}, """
    SELECT 'Section47', row_no, child_id FROM Section47 WHERE isodow(icpc_target_date) >= 6
""", notes="The peer reads the target date as dd-mm-yyyy, so on census XML (yyyy-mm-dd) it never reports this.")

R8875 = Rule("8875", "cin", {"Section47": ("DateOfInitialCPC",)}, """
    SELECT 'Section47', row_no, child_id FROM Section47 WHERE isodow(date_of_initial_cpc) >= 6
""")

R8890 = overlapping(
    "8890", "Section47", ("S47ActualStartDate", "DateOfInitialCPC"), within="referral_row", start="start_date",
    end="date_of_initial_cpc", still_open="b.date_of_initial_cpc IS NULL AND b.icpc_not_required IS DISTINCT FROM true",
    notes="The catalogue files this rule under CINdetails; the enquiries themselves are reported (as the peer "
          "does). Within one episode an enquiry may not start on or between another's start and conference "
          "date, or its start and the reference date while it waits for a conference. Two identical enquiries "
          "count as overlapping; the peer skips pairs with the same start and conference dates.")

RULES = [R1104, R2884, R2889, R8615, R8675Q, R8715, R8740, R8839, R8870Q, R8875, R8890]
