"""The DfE XML message header the CIN census and the workforce census share, and a column helper for
XML-sourced specs.

Both censuses are ``<Message>`` files whose ``<Header>`` holds ``<CollectionDetails>`` and ``<Source>``;
their spec modules take the header's columns from here.
"""

from __future__ import annotations

from clearsight.returns.spec import Column


def col(source: str, name: str, kind: str = "text", required: bool = False, doc: str = "",
        max_length: int | None = None) -> Column:
    """A census column: XML element, canonical name, kind, whether required, what it means, longest value."""
    return Column(source, name, kind, required=required, doc=doc, max_length=max_length)


# The DfE message header both the CIN census and the workforce census carry: element -> (canonical, kind, meaning).
HEADER_FIELDS = {
    "Collection": ("collection", "text", "The collection the file is for (CIN here; CSWW for the workforce census)."),
    "Year": ("year", "text", "The collection's year, as the calendar year of its reference date."),
    "ReferenceDate": ("reference_date", "date", "The census's reference date."),
    "SourceLevel": ("source_level", "text", "Who made the file (L for a local authority)."),
    "LEA": ("lea", "text", "The sending council's three-digit (old) local authority code."),
    "SoftwareCode": ("software_code", "text", "The software that wrote the file."),
    "Release": ("release", "text", "That software's release."),
    "SerialNo": ("serial_no", "text", "The file's serial number from that software."),
    "DateTime": ("date_time", "text", "When the file was made."),
}
# The elements of the header's two parts, in the XSD's order.
HEADER_PARTS = {"CollectionDetails": ("Collection", "Year", "ReferenceDate"),
                "Source": ("SourceLevel", "LEA", "SoftwareCode", "Release", "SerialNo", "DateTime")}


def header_columns(*elements: str) -> tuple[Column, ...]:
    """The header columns for these elements (the CIN census has all of them, the workforce census fewer)."""
    return tuple(col(e, HEADER_FIELDS[e][0], HEADER_FIELDS[e][1], doc=HEADER_FIELDS[e][2]) for e in elements)
