"""Write the corpus of broken input files in this folder (run it again after changing a case).

Every file is tiny, synthetic and hand-written here, so the odd bytes (byte-order marks, UTF-16,
Windows-1252) are reviewable as code; ``tests/returns/test_broken_inputs.py`` checks that the
committed files are exactly what this script writes. No real child is described: identifiers are
made up (``C1``, ``DfEX0000001``) and UPNs only have the right shape.

    python tests/broken/make_corpus.py
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

# --------------------------------------------------------------------------- SSDA903 CSV baseline

HEADER_COLS = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB"
HEADER_ROWS = [
    "C1,M,01/02/2015,WBRI,A12345678901A,,",
    "C2,F,2012-07-15,WOTH,B12345678901B,,",
    "C3,U,30/11/2009,AIND,C12345678901C,,",
]
EPISODE_COLS = "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN"
EPISODE_ROWS = [
    "C1,01/05/2024,S,C2,N1,U1,PR1,,,,,,SC123456",
    "C2,2024-06-10,S,V2,N2,K2,PR2,2024-09-01,E13,,,,",
    "C3,15/08/2024,L,C2,N4,R1,PR0,,,,,,",
]


def csv_text(cols: str, rows: list[str], newline: str = "\n") -> str:
    return newline.join([cols, *rows]) + newline


EPISODES = csv_text(EPISODE_COLS, EPISODE_ROWS)


def folder_903(name: str, header: str | bytes, episodes: str | bytes = EPISODES) -> dict[str, str | bytes]:
    """A 903 folder: its header.csv (the case) beside an episodes.csv (the 903 needs both tables)."""
    return {f"ssda903/{name}/header.csv": header, f"ssda903/{name}/episodes.csv": episodes}


# --------------------------------------------------------------------------- case-management extract baseline

TEAMS = "team_id,team_name,service,area\nT01,North Assessment Team,ASSESS,North\n"
WORKERS = "worker_id,team_id,role,fte,agency,start_date,end_date\nW01,T01,SW,1,0,2022-09-01,\n"
ALLOCATIONS = ("child_id,worker_id,team_id,allocation_type,start_date,end_date\n"
               "C1,W01,T01,SW,2024-05-01,\n")


# --------------------------------------------------------------------------- CIN census baseline

CIN_HEADER = """\
  <Header>
    <CollectionDetails>
      <Collection>{collection}</Collection>
      <Year>2025</Year>
      <ReferenceDate>2025-03-31</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>999</LEA>
      <SoftwareCode>Clearsight test corpus</SoftwareCode>
      <Release>1</Release>
      <SerialNo>001</SerialNo>
      <DateTime>2025-04-01T09:00:00</DateTime>
    </Source>
  </Header>
"""

CIN_CHILD_1 = """\
    <Child>
      <ChildIdentifiers>
        <LAchildID>DfEX0000001</LAchildID>
        <UPN>A123456789012</UPN>
        <PersonBirthDate>2015-03-27</PersonBirthDate>
        <Sex>M</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <Disabilities>
          <Disability>HAND</Disability>
          <Disability>HEAR</Disability>
        </Disabilities>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-05-06</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <PrimaryNeedCode>N4</PrimaryNeedCode>
        <CINclosureDate>2025-02-27</CINclosureDate>
        <ReasonForClosure>RC1</ReasonForClosure>
        <DateOfInitialCPC>2024-06-17</DateOfInitialCPC>
        <Assessments>
          <AssessmentActualStartDate>2024-05-07</AssessmentActualStartDate>
          <AssessmentAuthorisationDate>2024-06-01</AssessmentAuthorisationDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>1C</AssessmentFactors>
            <AssessmentFactors>6B</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <CINPlanDates>
          <CINPlanStartDate>2024-06-24</CINPlanStartDate>
          <CINPlanEndDate>2025-01-26</CINPlanEndDate>
        </CINPlanDates>
        <Section47>
          <S47ActualStartDate>2024-06-02</S47ActualStartDate>
          <InitialCPCtarget>2024-06-23</InitialCPCtarget>
          <DateOfInitialCPC>2024-06-17</DateOfInitialCPC>
          <ICPCnotRequired>{icpc}</ICPCnotRequired>
        </Section47>
        <ReferralNFA>{nfa1}</ReferralNFA>
        <ChildProtectionPlans>
          <CPPstartDate>2024-06-17</CPPstartDate>
          <CPPendDate>2025-01-14</CPPendDate>
          <InitialCategoryOfAbuse>PHY</InitialCategoryOfAbuse>
          <LatestCategoryOfAbuse>PHY</LatestCategoryOfAbuse>
          <NumberOfPreviousCPP>0</NumberOfPreviousCPP>
          <Reviews>
            <CPPreviewDate>2024-09-15</CPPreviewDate>
          </Reviews>
        </ChildProtectionPlans>
      </CINdetails>
    </Child>
"""

CIN_CHILD_2 = """\
    <Child>
      <ChildIdentifiers>
        <LAchildID>DfEX0000002</LAchildID>
        <UPNunknown>UN1</UPNunknown>
        <PersonBirthDate>2023-09-25</PersonBirthDate>
        <Sex>F</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>MWBC</Ethnicity>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-10-24</CINreferralDate>
        <ReferralSource>5D</ReferralSource>
        <PrimaryNeedCode>N1</PrimaryNeedCode>
        <CINclosureDate>2024-10-29</CINclosureDate>
        <ReasonForClosure>RC8</ReasonForClosure>
        <ReferralNFA>{nfa2}</ReferralNFA>
      </CINdetails>
    </Child>
"""


def cin_xml(collection: str = "CIN", icpc: str = "0", nfa1: str = "0", nfa2: str = "1",
            children: str | None = None) -> str:
    body = children if children is not None else (
        CIN_CHILD_1.format(icpc=icpc, nfa1=nfa1) + CIN_CHILD_2.format(nfa2=nfa2))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<Message>\n' + CIN_HEADER.format(collection=collection)
            + "  <Children>\n" + body + "  </Children>\n</Message>\n")


# A CIN file that reads but breaks its schema: codes outside the lists and structure errors.
# Line numbers are asserted by the tests; keep the layout.
CIN_BAD_CHILD_1 = """\
    <Child>
      <ChildIdentifiers>
        <LAchildID>DfEX0000001</LAchildID>
        <UPN>A123456789012</UPN>
        <PersonBirthDate>2015-03-27</PersonBirthDate>
        <Sex>X</Sex>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-02-31</CINreferralDate>
        <ReferralSource>99</ReferralSource>
        <PrimaryNeedCode>N4</PrimaryNeedCode>
        <Assessments>
          <AssessmentActualStartDate>2024-05-07</AssessmentActualStartDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>1C</AssessmentFactors>
            <AssessmentFactors>99Z</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
        <ReferralNFA>0</ReferralNFA>
      </CINdetails>
    </Child>
"""
CIN_BAD_CHILD_2 = """\
    <Child>
      <ChildIdentifiers>
        <LAchildID>DfEX0000002</LAchildID>
        <PersonBirthDate>2023-09-25</PersonBirthDate>
      </ChildIdentifiers>
      <ChildCharacteristics>
        <Ethnicity>WBRI</Ethnicity>
        <FavouriteColour>blue</FavouriteColour>
      </ChildCharacteristics>
      <CINdetails>
        <CINreferralDate>2024-10-24</CINreferralDate>
        <ReferralSource>1A</ReferralSource>
        <ReferralNFA>1</ReferralNFA>
        <Assessments>
          <AssessmentActualStartDate>2024-10-25</AssessmentActualStartDate>
          <FactorsIdentifiedAtAssessment>
            <AssessmentFactors>1A</AssessmentFactors>
          </FactorsIdentifiedAtAssessment>
        </Assessments>
      </CINdetails>
    </Child>
"""

SSDA903_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>C1</CHILDID>
      <UPN>A12345678901A</UPN>
      <SEX>M</SEX>
      <DOB>01/02/2015</DOB>
      <ETHNIC>WBRI</ETHNIC>
      <UASC>0</UASC>
    </HEADER>
    <EPISODE>
      <DECOM>01/05/2024</DECOM>
      <RNE>S</RNE>
      <LS>C2</LS>
      <CIN>N1</CIN>
      <PL>U1</PL>
      <DEC/>
      <REC/>
    </EPISODE>
  </CHILD>
</EXPSSDA903>
"""

SSDA903_BAD_XML = """\
<?xml version="1.0" encoding="UTF-8"?>
<EXPSSDA903>
  <CHILD>
    <HEADER>
      <CHILDID>C1</CHILDID>
      <UPN>A12345678901A</UPN>
      <SEX>X</SEX>
      <DOB>31/02/2015</DOB>
      <ETHNIC>WBRI</ETHNIC>
      <UASC>0</UASC>
    </HEADER>
    <EPISODE>
      <DECOM>01/05/2024</DECOM>
      <RNE>S</RNE>
      <LS>C2</LS>
      <CIN>N1</CIN>
      <PL>ZZ</PL>
      <DEC/>
      <REC/>
    </EPISODE>
  </CHILD>
  <CHILD>
    <HEADER>
      <CHILDID>C2</CHILDID>
      <UPN>B12345678901B</UPN>
      <SEX>F</SEX>
      <DOB>2015-02-01</DOB>
      <ETHNIC>WBRI</ETHNIC>
      <UASC>0</UASC>
      <NICKNAME>Bee</NICKNAME>
    </HEADER>
  </CHILD>
</EXPSSDA903>
"""

# The same 903 XML with a CHILDID longer than the XSD's 10 characters: one finding, not one from the schema and
# another from the value checks. Line numbers are asserted by the tests; keep the layout.
SSDA903_LONG_ID_XML = SSDA903_XML.replace("<CHILDID>C1</CHILDID>", "<CHILDID>C1234567890</CHILDID>")

BILLION_LAUGHS = """\
<?xml version="1.0"?>
<!DOCTYPE Message [
  <!ENTITY lol "lol">
  <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
  <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
  <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
  <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
  <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
  <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
  <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<Message><Children><Child><ChildIdentifiers><LAchildID>&lol9;</LAchildID></ChildIdentifiers></Child></Children></Message>
"""

XXE = """\
<?xml version="1.0"?>
<!DOCTYPE Message [
  <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<Message><Children><Child><ChildIdentifiers><LAchildID>&xxe;</LAchildID></ChildIdentifiers></Child></Children></Message>
"""

# CSWW: the workforce census, also a DfE <Message>, but not the CIN census.
CSWW = """\
<?xml version="1.0" encoding="UTF-8"?>
<Message>
  <Header>
    <CollectionDetails>
      <Collection>CSWW</Collection>
      <Year>2024</Year>
      <ReferenceDate>2024-09-30</ReferenceDate>
    </CollectionDetails>
    <Source>
      <SourceLevel>L</SourceLevel>
      <LEA>999</LEA>
    </Source>
  </Header>
  <LALevelVacancies>
    <NumberOfVacancies>4.5</NumberOfVacancies>
  </LALevelVacancies>
  <CSWWWorker>
    <AgencyWorker>0</AgencyWorker>
    <SWENo>SW0000001</SWENo>
    <FTE>1</FTE>
  </CSWWWorker>
</Message>
"""


def corpus() -> dict[str, bytes]:
    """Every corpus file, by path relative to this folder."""
    header = csv_text(HEADER_COLS, HEADER_ROWS)
    files: dict[str, str | bytes] = {
        # ---- valid baselines
        "ssda903/good/header.csv": header,
        "ssda903/good/episodes.csv": EPISODES,
        "ssda903/good.xml": SSDA903_XML,
        "cin/good.xml": cin_xml(),
        "cms/good/teams.csv": TEAMS,
        "cms/good/workers.csv": WORKERS,
        "cms/good/allocations.csv": ALLOCATIONS,
        # ---- SSDA903 folders whose header.csv reads (loaded; problems become findings)
        **folder_903("utf8_bom", b"\xef\xbb\xbf" + header.replace("\n", "\r\n").encode()),
        **folder_903("utf16_bom", header.replace("\n", "\r\n").encode("utf-16")),
        # a 903 with no children: loads, and the load says it is empty
        **folder_903("header_only", HEADER_COLS + "\n", EPISODE_COLS + "\n"),
        **folder_903("header_only_no_newline", HEADER_COLS, EPISODE_COLS),
        **folder_903("blank_lines", "\n" + HEADER_COLS + "\n" + HEADER_ROWS[0] + "\n\n"
                                    + "C9,M,31/02/2024,WBRI,A12345678901A,,\n,,,,,,\n"),
        **folder_903("dates", csv_text(HEADER_COLS, [
            "C1,M,31/02/2024,WBRI,A12345678901A,,",     # impossible date
            "C2,F,45382,WBRI,B12345678901B,,",          # Excel serial number
            "C3,U,31/03/24,WBRI,C12345678901C,,",       # two-digit year
            "C4,M,2024-03-31 00:00:00,WBRI,D12345678901D,,",  # Excel's datetime: a valid date
            "C5,F,29/02/2024,WBRI,E12345678901E,,",     # a real leap day
        ])),
        **folder_903("bad_codes", csv_text(HEADER_COLS, [
            "C1,1,01/02/2015,WBRI,A12345678901A,,",     # the pre-2024-25 sex code
            "C2,F,2012-07-15,XXXX,B12345678901B,,",     # not an ethnicity
            "C3,U,30/11/2009,AIND,C12345678901C,2,",    # MOTHER is 0 or 1
        ])),
        **folder_903("quoted_newline", csv_text(HEADER_COLS, [
            '"C1","M","01/02/2015","WBRI","A123\n45678901A","",""',  # a line break inside quotes
            '"C2","F","31/02/2024","WBRI","B12345678901B","",""',
        ])),
        **folder_903("case_and_order", csv_text(
            "dob,child,sex,ethnic,upn,mother,mc_dob",
            ["01/02/2015,C1,M,WBRI,A12345678901A,,"])),
        # identifiers: over the XSD's lengths (CHILD 10, UPN 13), empty, and a child recorded twice
        **folder_903("bad_identifiers", csv_text(HEADER_COLS, [
            "C1234567890,M,01/02/2015,WBRI,A12345678901A,,",  # CHILD of 11 characters
            ",F,2012-07-15,WOTH,B12345678901B,,",             # no CHILD
            "C3,U,30/11/2009,AIND,C123456789012C,,",          # UPN of 14 characters
        ])),
        **folder_903("duplicate_children", csv_text(HEADER_COLS, [*HEADER_ROWS, "C1,M,01/02/2016,WBRI,,,"])),
        "ssda903/long_child_id.xml": SSDA903_LONG_ID_XML,
        "ssda903/bad_values.xml": SSDA903_BAD_XML,
        # ---- SSDA903 CSVs that cannot be read
        "ssda903/empty.csv": b"",
        "ssda903/whitespace_only.csv": "\n  \r\n\t\n",
        "ssda903/header_cp1252.csv": csv_text(HEADER_COLS, [
            HEADER_ROWS[0], "C2,F,2012-07-15,WOTH,B12345678901B,,Ren\u00e9e \u00a3"]).encode("cp1252"),
        "ssda903/header_utf16_no_bom.csv": csv_text(HEADER_COLS, HEADER_ROWS).encode("utf-16-le"),
        "ssda903/header_missing_column.csv": csv_text(
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER", [r.rsplit(",", 1)[0] for r in HEADER_ROWS]),
        "ssda903/header_duplicated_column.csv": csv_text(
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,SEX", [r + ",M" for r in HEADER_ROWS]),
        "ssda903/header_extra_column.csv": csv_text(
            "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB,NOTES", [r + ",x" for r in HEADER_ROWS]),
        "ssda903/header_ragged.csv": csv_text(HEADER_COLS, [
            HEADER_ROWS[0], HEADER_ROWS[1], "C3,U,30/11/2009,AIND,C12345678901C,,,EXTRA"]),
        "ssda903/header_unclosed_quote.csv": csv_text(HEADER_COLS, [
            HEADER_ROWS[0], 'C2,F,"2012-07-15,WOTH,B12345678901B,,', HEADER_ROWS[2]]),
        "ssda903/header_semicolons.csv": csv_text(
            HEADER_COLS.replace(",", ";"), [r.replace(",", ";") for r in HEADER_ROWS]),
        "ssda903/unknown_table.csv": "name,colour,size\nbox,red,3\n",
        # ---- incomplete 903 folders: refused, naming what is missing or unreadable
        "ssda903/no_header/episodes.csv": EPISODES,
        "ssda903/header_is_folder/header.csv/notes.txt": "a folder where header.csv should be\n",
        "ssda903/header_is_folder/episodes.csv": EPISODES,
        "ssda903/header_broken_link/episodes.csv": EPISODES,  # and header.csv, a broken link (LINKS)
        "ssda903/two_headers/header.csv": header,
        "ssda903/two_headers/header_copy.csv": csv_text(HEADER_COLS, HEADER_ROWS[:1]),
        "ssda903/with_cms_file/header.csv": header,
        "ssda903/with_cms_file/teams.csv": "team_id,team_name,service,area\nT01,North,ASSESS,North\n",
        "ssda903/no_csv/notes.txt": "not a return\n",
        # ---- case-management extract folders that cannot be read
        "cms/no_allocations/teams.csv": TEAMS,
        "cms/no_allocations/workers.csv": WORKERS,
        "cms/with_903_file/teams.csv": "team_id,team_name,service,area\nT01,North,ASSESS,North\n",
        "cms/with_903_file/header.csv": header,
        "cms/workbook.xlsx": b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 20,
        # ---- XML that cannot be read
        "xml/empty.xml": b"",
        "xml/whitespace_only.xml": "\n   \n\t\r\n",
        "xml/not_xml.xml": "This is not XML at all, just a note someone saved as .xml\n",
        "xml/truncated.xml": cin_xml()[:cin_xml().index("<ReferralSource>5D")],
        "xml/unclosed_tag.xml": cin_xml().replace("<Sex>F</Sex>", "<Sex>F</Sexx>"),
        "xml/billion_laughs.xml": BILLION_LAUGHS,
        "xml/billion_laughs_utf16.xml": BILLION_LAUGHS.replace('<?xml version="1.0"?>',
                                                               '<?xml version="1.0" encoding="UTF-16"?>')
                                                      .encode("utf-16"),
        "xml/xxe_file.xml": XXE,
        "xml/cp1252_undeclared.xml": cin_xml().replace("Clearsight test corpus", "Soci\u00e9t\u00e9 \u00a3")
                                              .encode("cp1252"),
        "xml/csww.xml": CSWW,
        "xml/html.xml": "<html><body><p>Export failed</p></body></html>\n",
        "xml/message_without_children.xml": CSWW.replace("      <Collection>CSWW</Collection>\n", ""),
        # ---- CIN XML that reads (loaded; problems become XSD findings)
        "cin/bad_values.xml": cin_xml(children=CIN_BAD_CHILD_1 + CIN_BAD_CHILD_2),
        # a census with no children: loads, and the load says it is empty
        "cin/no_children.xml": cin_xml(children=""),
        # identifiers: LAchildID over the 20 characters of DfE rule 1570, empty, and a child recorded twice
        "cin/long_child_id.xml": cin_xml().replace("DfEX0000002", "DfEX00000020000000002"),
        "cin/empty_child_id.xml": cin_xml().replace("<LAchildID>DfEX0000002</LAchildID>", "<LAchildID></LAchildID>"),
        "cin/duplicate_children.xml": cin_xml().replace("DfEX0000002", "DfEX0000001"),
        "cin/booleans_true_false.xml": cin_xml(icpc="false", nfa1="true", nfa2="false"),
        "cin/booleans_one_zero.xml": cin_xml(icpc="1", nfa1="0", nfa2="1"),
        "cin/utf8_bom.xml": b"\xef\xbb\xbf" + cin_xml().encode(),
        "cin/utf16.xml": cin_xml().replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
        "cin/declared_windows1252.xml": cin_xml().replace('encoding="UTF-8"', 'encoding="windows-1252"')
                                                 .replace("Clearsight test corpus", "Soci\u00e9t\u00e9 \u00a3")
                                                 .encode("cp1252"),
    }
    return {name: data.encode("utf-8") if isinstance(data, str) else data for name, data in files.items()}


# Symbolic links of the corpus (git keeps them): path -> target. A named pipe cannot live in git; the test that
# needs one (header.csv as a FIFO) makes it.
LINKS = {"ssda903/header_broken_link/header.csv": "missing_header.csv"}


def write(folder: Path = HERE) -> list[Path]:
    """Write the corpus under ``folder``; returns the paths written."""
    written = []
    for name, data in corpus().items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    for name, target in LINKS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.is_symlink():
            path.unlink()
        path.symlink_to(target)
        written.append(path)
    return written


if __name__ == "__main__":
    for p in write():
        print(p.relative_to(HERE))
