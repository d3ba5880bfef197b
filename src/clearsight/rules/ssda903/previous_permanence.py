"""SSDA903 rules on previous permanence (PrevPerm): the adoption, special guardianship or
child arrangements order a child had before this period of care.

DATE_PERM is kept as text because the DfE lets any part of it be unknown: ``ZZ/05/2015``,
``ZZ/ZZ/2015``, ``ZZ/ZZ/ZZZZ``. Rule 632 reads it as the latest date it could be.
"""

from clearsight.rules.definition import Rule

# Local authority codes valid for LA_PERM: every English authority's three-digit DfE code, present and
# past (an order may have been made by an authority since reorganised: 835 Dorset, 836 Poole,
# 837 Bournemouth, 909 Cumbria, 928 Northamptonshire, 815 North Yorkshire...), 999, and the codes for
# orders made in Wales, Scotland, Northern Ireland or outside the UK.
LA_PERM_CODES = (
    "201 202 203 204 205 206 207 208 209 210 211 212 213 "
    "301 302 303 304 305 306 307 308 309 310 311 312 313 314 315 316 317 318 319 320 "
    "330 331 332 333 334 335 336 340 341 342 343 344 350 351 352 353 354 355 356 357 358 359 "
    "370 371 372 373 380 381 382 383 384 390 391 392 393 394 420 "
    "800 801 802 803 805 806 807 808 810 811 812 813 815 816 821 822 823 825 826 830 831 835 836 837 "
    "838 839 840 841 845 846 850 851 852 855 856 857 860 861 865 866 867 868 869 870 871 872 873 874 "
    "876 877 878 879 880 881 882 883 884 885 886 887 888 889 890 891 892 893 894 895 896 "
    "908 909 916 919 921 925 926 928 929 931 933 935 936 937 938 940 941 942 943 999 "
    "WAL SCO NUK NIR"
).split()

_LA_LIST = "(" + ", ".join(f"'{c}'" for c in LA_PERM_CODES) + ")"

# "Information on previous permanence option should be returned."
R630 = Rule("630", "ssda903", {"Episodes": ("RNE",)}, """
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e
    WHERE e.rne = 'S' AND e.decom >= collection_start()
      AND (NOT EXISTS (SELECT 1 FROM PrevPerm p WHERE p.child_id = e.child_id)
           OR EXISTS (SELECT 1 FROM PrevPerm p WHERE p.child_id = e.child_id
                      AND (p.prev_perm IS NULL
                           OR (p.prev_perm <> 'Z1' AND (p.la_perm IS NULL OR p.date_perm IS NULL)))))
""", notes="A period of care starting in the year (RNE S) needs a PrevPerm row with PREV_PERM, and "
           "with LA_PERM and DATE_PERM unless PREV_PERM is Z1.")

# "Previous permanence option not a valid value."
R631 = Rule("631", "ssda903", {"PrevPerm": ("PREV_PERM",)}, """
    SELECT 'PrevPerm', row_no, child_id FROM PrevPerm
    WHERE prev_perm IS NOT NULL AND prev_perm NOT IN {codes:PrevPerm.PREV_PERM}
""", notes="A blank PREV_PERM is left to rule 630.")

# DATE_PERM read as dd/mm/yyyy where the day, month (ZZ) or year (ZZZZ) may be unknown: whether it is
# valid, and the latest date it could be (NULL when the year is unknown).
_DATE_PERM = r"""
    WITH raw AS (
        SELECT row_no, child_id, upper(date_perm) AS v,
               regexp_matches(upper(date_perm), '^([0-9]{1,2}|ZZ)/([0-9]{1,2}|ZZ)/([0-9]{4}|ZZZZ)$') AS shaped
        FROM PrevPerm WHERE date_perm IS NOT NULL
    ), parts AS (
        SELECT row_no, child_id, shaped,
               CASE WHEN shaped AND split_part(v, '/', 1) <> 'ZZ' THEN TRY_CAST(split_part(v, '/', 1) AS INTEGER) END AS d,
               CASE WHEN shaped AND split_part(v, '/', 2) <> 'ZZ' THEN TRY_CAST(split_part(v, '/', 2) AS INTEGER) END AS m,
               CASE WHEN shaped AND split_part(v, '/', 3) <> 'ZZZZ' THEN TRY_CAST(split_part(v, '/', 3) AS INTEGER) END AS y
        FROM raw
    ), checked AS (
        SELECT row_no, child_id, d, m, y,
               CASE WHEN NOT shaped THEN false
                    WHEN y < 1 THEN false
                    WHEN m IS NOT NULL AND m NOT BETWEEN 1 AND 12 THEN false
                    WHEN d IS NULL THEN true
                    WHEN d < 1 THEN false
                    WHEN m IS NULL THEN d <= 31
                    ELSE d <= day(last_day(make_date(coalesce(y, 2000), m, 1))) END AS valid
        FROM parts
    )
    SELECT row_no, child_id, valid,
           CASE WHEN valid AND y IS NOT NULL THEN
               CASE WHEN m IS NULL THEN make_date(y, 12, coalesce(d, 31))
                    WHEN d IS NULL THEN last_day(make_date(y, m, 1))
                    ELSE make_date(y, m, d) END
           END AS latest
    FROM checked
"""

# "Date of previous permanence order not a valid value."
R632 = Rule("632", "ssda903", {"PrevPerm": ("DATE_PERM",), "Episodes": ("DECOM",)}, f"""
    WITH perm AS ({_DATE_PERM}),
    first_ep AS (
        SELECT row_no, child_id, decom FROM Episodes WHERE decom IS NOT NULL
        QUALIFY decom = min(decom) OVER (PARTITION BY child_id)
    ),
    bad AS (
        SELECT p.row_no, p.child_id FROM perm p
        WHERE NOT p.valid
           OR EXISTS (SELECT 1 FROM first_ep f WHERE f.child_id = p.child_id AND p.latest >= f.decom)
    )
    SELECT 'PrevPerm', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Episodes', f.row_no, f.child_id FROM first_ep f WHERE f.child_id IN (SELECT child_id FROM bad)
""", notes="DATE_PERM must be dd/mm/yyyy, any part of it may be ZZ (ZZZZ for the year), and the latest "
           "date it can be must fall before the child's first episode in the return. The peer reads a "
           "known day in an unknown month (05/ZZ/2020) as 4 January of the next year instead of 5 "
           "December, compares an unknown year as 2000, and skips a malformed date for a child with no "
           "episodes; Clearsight reports the malformed date for every child.")

# "Local authority code where previous permanence option was arranged is not a valid value."
R633 = Rule("633", "ssda903", {"PrevPerm": ("LA_PERM",)}, f"""
    SELECT 'PrevPerm', row_no, child_id FROM PrevPerm
    WHERE la_perm IS NOT NULL AND upper(la_perm) NOT IN {_LA_LIST}
""", notes="Valid: the three-digit DfE code of any English authority, past or present, 999, WAL, SCO, "
           "NIR, NUK. The peer's list predates the 2019-23 reorganisations and rejects 838 Dorset, 839 "
           "Bournemouth Christchurch and Poole, 940/941 North and West Northamptonshire, 942 Cumberland "
           "and 943 Westmorland and Furness; Clearsight accepts them.")

# "There are entries for previous permanence options, but child has not started to be looked after from
# 1 April 2016 onwards."
R634 = Rule("634", "ssda903", {"PrevPerm": ("PREV_PERM", "LA_PERM", "DATE_PERM"), "Episodes": ("DECOM",)}, """
    WITH late AS (
        SELECT child_id FROM Episodes WHERE decom IS NOT NULL
        GROUP BY child_id HAVING max(decom) < DATE '2016-04-01'
    ), bad AS (
        SELECT p.row_no, p.child_id FROM PrevPerm p
        WHERE (p.prev_perm IS NOT NULL OR p.la_perm IS NOT NULL OR p.date_perm IS NOT NULL)
          AND p.child_id IN (SELECT child_id FROM late)
    )
    SELECT 'PrevPerm', row_no, child_id FROM bad
    UNION ALL
    SELECT 'Episodes', e.row_no, e.child_id FROM Episodes e WHERE e.child_id IN (SELECT child_id FROM bad)
""", notes="Flags PrevPerm entries for a child none of whose episodes starts on or after 1 April 2016, "
           "as the DfE text says. The peer compares with the start of the collection year instead, so "
           "it flags every child with PrevPerm entries who has been looked after since before 1 April of "
           "the current year.")

# "There are entries for date of order and local authority code where previous permanence option was
# arranged but previous permanence code is Z1"
R635 = Rule("635", "ssda903", {"PrevPerm": ("LA_PERM", "DATE_PERM", "PREV_PERM")}, """
    SELECT 'PrevPerm', row_no, child_id FROM PrevPerm
    WHERE (la_perm IS NOT NULL OR date_perm IS NOT NULL) AND (prev_perm IS NULL OR prev_perm = 'Z1')
""", notes="The DfE text flags an order date or authority given with PREV_PERM Z1. The peer flags them "
           "only when PREV_PERM is blank and passes Z1; Clearsight flags both.")

RULES = [R630, R631, R632, R633, R634, R635]
