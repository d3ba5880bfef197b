"""``clearsight findings LOAD_ID``: every finding kept with a load (schema, value and rule findings)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clearsight.cli.common import console, stop
from clearsight.reports.output import FORMATS, write


def findings(
    load_id: Annotated[int, typer.Argument(help="The load's id (`clearsight loads` lists them)")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the findings here")] = None,
) -> None:
    """List a load's findings: what reading its files found (schema and value findings) and its DfE rule
    findings when the load has them, with the file, line, XML path, table, row, child, field and value."""
    from clearsight.reports.findings import load_findings_report, with_rule_types
    from clearsight.warehouse import catalog
    from clearsight.warehouse.catalog import load_findings_detail
    from clearsight.warehouse.publish import NoWarehouse, WarehouseBusy, reading

    if fmt not in FORMATS:
        stop(f"--format must be one of {', '.join(FORMATS)}")
    try:
        with reading() as con:
            info = catalog.load_info(con, load_id)
            if info is None:
                stop(f"there is no load {load_id}; `clearsight loads` lists them")
            found = with_rule_types(load_findings_detail(con, load_id), info.return_code)
    except NoWarehouse:
        stop(f"there is no load {load_id}: nothing is loaded yet (clearsight load ...)")
    except WarehouseBusy as exc:
        stop(str(exc))
    write(load_findings_report(info, found), fmt, out, console=console)
