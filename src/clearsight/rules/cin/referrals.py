"""CIN census rules on CINdetails: referral and closure dates, codes, open episodes and activity."""

from clearsight.rules.cin.sql import after_death, sql_list
from clearsight.rules.definition import Rule
from clearsight.rules.families import dates_out_of_order, outside_collection_year
from clearsight.warehouse.reference import working_day_before_sql

REFERRAL_SOURCES = ("1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E", "3F", "4", "5A", "5B",
                    "5C", "5D", "6", "7", "8", "9", "10")
PRIMARY_NEED = ("N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9")
REASONS_FOR_CLOSURE = ("RC1", "RC2", "RC3", "RC4", "RC5", "RC6", "RC7", "RC8", "RC9")




R2990 = Rule("2990", "cin", {"CINdetails": ("ReasonForClosure", "DateOfInitialCPC"), "Section47": ("LAchildID",),
                             "ChildProtectionPlans": ("LAchildID",), "CINplanDates": ("LAchildID",)}, """
    WITH closed AS (SELECT row_no, child_id, date_of_initial_cpc FROM CINdetails
                    WHERE reason_for_closure IN ('RC8', 'RC9')),
    modules AS (
        SELECT 'Section47' AS t, row_no, child_id, referral_row FROM Section47
        UNION ALL SELECT 'ChildProtectionPlans', row_no, child_id, referral_row FROM ChildProtectionPlans
        UNION ALL SELECT 'CINplanDates', row_no, child_id, referral_row FROM CINplanDates)
    SELECT m.t, m.row_no, m.child_id FROM modules m JOIN closed c ON m.referral_row = c.row_no
    UNION ALL
    SELECT 'CINdetails', c.row_no, c.child_id FROM closed c
    WHERE c.date_of_initial_cpc IS NOT NULL OR EXISTS (SELECT 1 FROM modules m WHERE m.referral_row = c.row_no)
""", notes="Reports the episode closed RC8/RC9 and each Section47, ChildProtectionPlans and CINPlanDates module "
           "recorded against it.")

R2991Q = Rule("2991Q", "cin", {"CINdetails": ("LAchildID",), "Section47": ("LAchildID",)}, """
    WITH bare AS (
        SELECT r.row_no, r.child_id FROM CINdetails r
        WHERE EXISTS (SELECT 1 FROM Section47 s WHERE s.referral_row = r.row_no)
          AND NOT EXISTS (SELECT 1 FROM Assessments a WHERE a.referral_row = r.row_no))
    SELECT 'CINdetails', row_no, child_id FROM bare
    UNION ALL
    SELECT 'Section47', s.row_no, s.child_id FROM Section47 s JOIN bare b ON s.referral_row = b.row_no
""", notes="Reports the episode (the catalogue's table) and its Section47 modules; the peer reports only the "
           "Section47 modules.")

R8555Q = after_death("8555Q", "CINdetails", "CINreferralDate", "referral_date")

R8565 = Rule("8565", "cin", {
    "CINdetails": ("CINclosureDate", "DateOfInitialCPC"),
    "Assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
    "Section47": ("S47ActualStartDate", "DateOfInitialCPC"), "ChildProtectionPlans": ("CPPendDate",),
    "CINplanDates": ("CINPlanStartDate", "CINPlanEndDate")}, """
    WITH closed AS (SELECT row_no, child_id, closure_date, date_of_initial_cpc FROM CINdetails
                    WHERE closure_date IS NOT NULL),
    later AS (
        SELECT 'Assessments' AS t, row_no, referral_row, greatest(start_date, authorisation_date) AS d
        FROM Assessments
        UNION ALL SELECT 'Section47', row_no, referral_row, greatest(start_date, date_of_initial_cpc) FROM Section47
        UNION ALL SELECT 'ChildProtectionPlans', row_no, referral_row, end_date FROM ChildProtectionPlans
        UNION ALL SELECT 'CINplanDates', row_no, referral_row, greatest(start_date, end_date) FROM CINplanDates),
    bad AS (SELECT l.t, l.row_no, c.child_id, c.row_no AS ref_row FROM later l
            JOIN closed c ON l.referral_row = c.row_no WHERE l.d > c.closure_date)
    SELECT t, row_no, child_id FROM bad
    UNION ALL SELECT 'CINdetails', ref_row, child_id FROM bad
    UNION ALL SELECT 'CINdetails', row_no, child_id FROM closed WHERE date_of_initial_cpc > closure_date
""", notes="The closure date must be on or after every assessment start and authorisation, S47 start and "
           "conference date (CINdetails and Section47), CPP end and CIN plan start and end date of the episode. "
           "Reports the episode and the module holding the later date. The peer never checks CPP end dates (it "
           "tests a fixed sample plan in their place).")

R8568 = Rule("8568", "cin", {"CINdetails": ("ReferralNFA",)}, """
    SELECT 'CINdetails', row_no, child_id FROM CINdetails WHERE referral_nfa IS NULL
""")

R8569Q = Rule("8569Q", "cin", {"CINdetails": ("CINreferralDate", "ReferralNFA")}, f"""
    SELECT 'CINdetails', row_no, child_id FROM CINdetails
    WHERE referral_nfa AND referral_date < {working_day_before_sql("collection_start()", 1)}
""", notes="'Before one working day prior to the collection start date': before the last working day before "
           "1 April, so a referral on that working day may be closed as no further action in the new year. The "
           "peer's cut-off is 1 April itself (or the next working day), one working day later, so it also "
           "queries referrals made on the last working day(s) of March. Only a referral flagged as no further "
           "action is queried; the peer also queries one whose flag is missing (rule 8568 reports that).")

R8585Q = Rule("8585Q", "cin", {"CINdetails": ("ReasonForClosure",), "ChildIdentifiers": ("PersonDeathDate",)}, """
    WITH bad AS (
        SELECT r.row_no AS ref_row, c.row_no AS child_row, r.child_id
        FROM CINdetails r JOIN ChildIdentifiers c ON r.child_row = c.row_no
        WHERE r.reason_for_closure = 'RC2' AND c.death_date IS NULL)
    SELECT 'CINdetails', ref_row, child_id FROM bad
    UNION ALL SELECT 'ChildIdentifiers', child_row, child_id FROM bad
""")

R8600 = Rule("8600", "cin", {"CINdetails": ("CINreferralDate",)}, """
    SELECT 'CINdetails', row_no, child_id FROM CINdetails
    WHERE referral_date IS NULL OR referral_date > collection_end()
""")

R8606 = Rule("8606", "cin", {"CINdetails": ("CINreferralDate",),
                             "ChildIdentifiers": ("PersonBirthDate", "ExpectedPersonBirthDate")}, """
    WITH bad AS (
        SELECT r.row_no AS ref_row, c.row_no AS child_row, r.child_id
        FROM CINdetails r JOIN ChildIdentifiers c ON r.child_row = c.row_no
        WHERE r.referral_date < c.dob - INTERVAL 280 DAY OR r.referral_date < c.expected_dob - INTERVAL 280 DAY)
    SELECT 'CINdetails', ref_row, child_id FROM bad
    UNION ALL SELECT 'ChildIdentifiers', child_row, child_id FROM bad
""")

R8610 = Rule("8610", "cin", {"CINdetails": ("ReferralNFA", "PrimaryNeedCode")}, """
    SELECT 'CINdetails', row_no, child_id FROM CINdetails WHERE referral_nfa = false AND primary_need IS NULL
""")

R8620 = outside_collection_year("cin", "8620", "CINdetails", "CINclosureDate", "closure_date")

R8630 = dates_out_of_order("cin", "8630", "CINdetails", ("CINreferralDate", "CINclosureDate"),
                           earlier="referral_date", later="closure_date")

R8640 = Rule("8640", "cin", {"CINdetails": ("ReasonForClosure",)}, f"""
    SELECT 'CINdetails', row_no, child_id FROM CINdetails
    WHERE reason_for_closure NOT IN {sql_list(REASONS_FOR_CLOSURE)}
""")

R8650 = Rule("8650", "cin", {"CINdetails": ("PrimaryNeedCode",)}, f"""
    SELECT 'CINdetails', row_no, child_id FROM CINdetails WHERE primary_need NOT IN {sql_list(PRIMARY_NEED)}
""")

# A closure date that is present but not a date still counts as given here (as 903 rule 148 does).
_CLOSURE_GIVEN = """(closure_date IS NOT NULL OR row_no IN (
    SELECT row_no FROM invalid_values WHERE table_name = 'CINdetails' AND field = 'CINclosureDate'
    AND row_no IS NOT NULL))"""

R8805 = Rule("8805", "cin", {"CINdetails": ("CINclosureDate", "ReasonForClosure")}, f"""
    SELECT 'CINdetails', row_no, child_id FROM CINdetails WHERE {_CLOSURE_GIVEN} AND reason_for_closure IS NULL
""")

R8810 = Rule("8810", "cin", {"CINdetails": ("ReasonForClosure", "CINclosureDate")}, f"""
    SELECT 'CINdetails', row_no, child_id FROM CINdetails
    WHERE reason_for_closure IS NOT NULL AND NOT {_CLOSURE_GIVEN}
""", notes="A closure date that is not a valid date still counts as given (the schema check reports it); the "
           "peer treats it as missing.")

R8815 = Rule("8815", "cin", {"CINdetails": ("CINclosureDate", "ReferralNFA")}, """
    SELECT 'CINdetails', row_no, child_id FROM CINdetails
    WHERE closure_date IS NULL AND referral_nfa = false
    QUALIFY count(*) OVER (PARTITION BY child_row) > 1
""", notes="Reports the open episodes that go on to further action. The peer also reports the child's open "
           "no-further-action episodes, which the rule allows.")

R8816 = Rule("8816", "cin", {"CINdetails": ("CINreferralDate", "ReferralNFA")}, """
    WITH r AS (SELECT *, max(referral_date) OVER (PARTITION BY child_row) AS latest FROM CINdetails),
    bad AS (SELECT * FROM r WHERE closure_date IS NULL AND referral_nfa = false AND referral_date < latest)
    SELECT 'CINdetails', row_no, child_id FROM bad
    UNION ALL
    SELECT 'CINdetails', r.row_no, r.child_id FROM r
    WHERE r.referral_date = r.latest AND r.child_row IN (SELECT child_row FROM bad)
""", notes="Reports the open episode and the child's latest referral. An open episode sharing the latest "
           "referral date is the latest; the peer picks one of the tied rows as latest and reports the others.")

R8820 = Rule("8820", "cin", {"CINdetails": ("CINreferralDate", "CINclosureDate")}, """
    WITH pairs AS (
        SELECT a.row_no AS a_row, a.child_id, b.row_no AS b_row FROM CINdetails a
        JOIN CINdetails b ON a.child_row = b.child_row AND a.row_no <> b.row_no
        WHERE a.referral_date >= b.referral_date
          AND (a.referral_date < b.closure_date
               OR (b.closure_date IS NULL AND b.referral_nfa = false AND a.referral_date < collection_end())))
    SELECT 'CINdetails', a_row, child_id FROM pairs
    UNION ALL SELECT 'CINdetails', b_row, child_id FROM pairs
""", notes="A referral may fall on another episode's closure day. An open episode going on to further action "
           "runs to the reference date.")

R8825Q = Rule("8825Q", "cin", {"CINdetails": ("ReasonForClosure",)}, """
    SELECT 'CINdetails', r.row_no, r.child_id FROM CINdetails r
    WHERE r.reason_for_closure IN ('RC8', 'RC9')
      AND NOT EXISTS (SELECT 1 FROM Assessments a WHERE a.referral_row = r.row_no)
""")

R8831 = Rule("8831", "cin", {"CINdetails": ("ReferralNFA", "DateOfInitialCPC"),
                             "Assessments": ("AssessmentActualStartDate", "AssessmentAuthorisationDate"),
                             "Section47": ("S47ActualStartDate", "DateOfInitialCPC")}, """
    WITH nfa AS (SELECT row_no, child_id, date_of_initial_cpc FROM CINdetails WHERE referral_nfa),
    activity AS (
        SELECT 'Assessments' AS t, row_no, referral_row FROM Assessments
        WHERE start_date IS NOT NULL OR authorisation_date IS NOT NULL
        UNION ALL SELECT 'Section47', row_no, referral_row FROM Section47
        WHERE start_date IS NOT NULL OR date_of_initial_cpc IS NOT NULL)
    SELECT a.t, a.row_no, n.child_id FROM activity a JOIN nfa n ON a.referral_row = n.row_no
    UNION ALL
    SELECT 'CINdetails', n.row_no, n.child_id FROM nfa n
    WHERE n.date_of_initial_cpc IS NOT NULL OR EXISTS (SELECT 1 FROM activity a WHERE a.referral_row = n.row_no)
""", notes="Activity is an assessment start or authorisation date, a Section 47 start date or an initial "
           "conference date (on the episode or on its Section47).")

R8866 = Rule("8866", "cin", {"CINdetails": ("CINreferralDate", "ReferralSource")}, f"""
    SELECT 'CINdetails', row_no, child_id FROM CINdetails
    WHERE referral_date >= DATE '2013-04-01'
      AND (referral_source IS NULL OR referral_source NOT IN {sql_list(REFERRAL_SOURCES)})
""")

R8867 = Rule("8867", "cin", {"CINdetails": ("CINclosureDate",), "Assessments": ("AssessmentAuthorisationDate",)}, """
    WITH bad AS (
        SELECT r.row_no AS ref_row, a.row_no AS ass_row, r.child_id
        FROM CINdetails r JOIN Assessments a ON a.referral_row = r.row_no
        WHERE r.closure_date IS NOT NULL AND a.authorisation_date IS NULL)
    SELECT 'CINdetails', ref_row, child_id FROM bad
    UNION ALL SELECT 'Assessments', ass_row, child_id FROM bad
""")

R8868 = Rule("8868", "cin", {"CINdetails": ("CINclosureDate",), "Section47": ("DateOfInitialCPC", "ICPCnotRequired")},
             """
    WITH bad AS (
        SELECT r.row_no AS ref_row, s.row_no AS s47_row, r.child_id
        FROM CINdetails r JOIN Section47 s ON s.referral_row = r.row_no
        WHERE r.closure_date IS NOT NULL AND s.date_of_initial_cpc IS NULL
          AND s.icpc_not_required IS DISTINCT FROM true)
    SELECT 'CINdetails', ref_row, child_id FROM bad
    UNION ALL SELECT 'Section47', s47_row, child_id FROM bad
""", notes="A Section 47 enquiry is complete with a conference date or the 'not required' flag. The peer also "
           "reports an enquiry that has both, which this rule does not forbid.")

RULES = [R2990, R2991Q, R8555Q, R8565, R8568, R8569Q, R8585Q, R8600, R8606, R8610, R8620, R8630, R8640, R8650,
         R8805, R8810, R8815, R8816, R8820, R8825Q, R8831, R8866, R8867, R8868]
