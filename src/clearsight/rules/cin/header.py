"""CIN census rules on the Header: the reference date."""

from clearsight.rules.definition import Rule

R100 = Rule("100", "cin", {"Header": ("ReferenceDate",)}, """
    SELECT 'Header', row_no, NULL FROM Header
    WHERE reference_date IS NULL OR reference_date <> collection_end()
""", notes="The reference date must be 31 March of the collection year being validated. The peer compares it "
           "with 31 March of the header's own Year field instead, so a file whose Year and ReferenceDate agree "
           "but belong to another collection passes there.")

RULES = [R100]
