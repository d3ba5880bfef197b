"""``clearsight validate ssda903|cin|cross`` and ``clearsight rules list``: the DfE validation rules."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clearsight.cli.common import bad_input, console, stop
from clearsight.reports.output import FORMATS, Column, Line, Report, Table, write
from clearsight.returns import registry

validate_app = typer.Typer(help="Check a return against the DfE validation rules.", no_args_is_help=True)
rules_app = typer.Typer(help="The DfE rule catalogue and what Clearsight implements.", no_args_is_help=True)


# ---------------------------------------------------------------- what depends on the return

def source_tables(return_code: str, year: str) -> dict:
    """The return's source tables for the year (the sheets of the findings workbook)."""
    return registry.get(return_code).tables(year)


def json_with_type(return_code: str) -> bool:
    """Whether the findings JSON gives each finding's type: the documented SSDA903 findings JSON has no type
    (every 903 rule's type is in the catalogue); the CIN census and the cross checks mix errors and queries."""
    return return_code != "ssda903"


# ---------------------------------------------------------------- commands

@validate_app.command("ssda903")
def validate_ssda903(
    path: Annotated[Path | None, typer.Argument(help="A folder of 903 CSVs or a 903 XML file")] = None,
    year: Annotated[str | None, typer.Option(help="Collection year, e.g. 2025-26")] = None,
    previous: Annotated[Path | None, typer.Option(help="Last year's return (folder or XML)")] = None,
    providers: Annotated[list[Path] | None, typer.Option(help="Ofsted provider list(s), .xlsx")] = None,
    la: Annotated[str | None, typer.Option(help="The council's ONS code")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the report here")] = None,
    load_id: Annotated[int | None, typer.Option("--load", help="Validate an existing load instead of files")] = None,
) -> None:
    """Validate an SSDA903 return (files, or an existing load) against every DfE rule for its year."""
    validate_return("ssda903", path, year, previous, providers or [], fmt, out, load_id, la)


@validate_app.command("cin")
def validate_cin(
    path: Annotated[Path | None, typer.Argument(help="The CIN census XML file")] = None,
    year: Annotated[str | None, typer.Option(help="Collection year, e.g. 2025-26")] = None,
    fmt: Annotated[str, typer.Option("--format", help="table, csv, xlsx or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the report here")] = None,
    load_id: Annotated[int | None, typer.Option("--load", help="Validate an existing load instead of a file")] = None,
) -> None:
    """Validate a Children in Need census file (or an existing load) against every DfE rule for its year."""
    validate_return("cin", path, year, None, [], fmt, out, load_id)


@validate_app.command("cross")
def validate_cross_cmd(
    year: Annotated[str, typer.Option(help="Collection year, e.g. 2025-26")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json")] = "table",
    out: Annotated[Path | None, typer.Option(help="Write the report here")] = None,
) -> None:
    """Check the current SSDA903 and CIN census loads of a year against each other (codes X01...)."""
    from clearsight.rules.validate import validate_cross

    if fmt == "xlsx":
        stop("the cross-return checks export as table, csv or json")
    with bad_input(FileNotFoundError, ValueError):
        result, con = validate_cross(year)
    write(findings_report(result, con, {}), fmt, out, console=console)


def validate_return(return_code: str, path: Path | None, year: str | None, previous: Path | None,
                    providers: list[Path], fmt: str, out: Path | None, load_id: int | None,
                    la: str | None = None) -> None:
    """Validate files (``path`` and ``year``) or an existing load, and write the findings as ``fmt``: the DfE
    rules' findings and the files' own (schema and code-list findings made while reading them).

    Runs without pandas (:func:`clearsight.returns.collect.without_pandas`): nothing here uses it, and pyarrow
    would otherwise import it (a quarter of a second or more, on every run)."""
    from clearsight.returns.collect import without_pandas

    with without_pandas():
        run_validation(return_code, path, year, previous, providers, fmt, out, load_id, la)


def run_validation(return_code: str, path: Path | None, year: str | None, previous: Path | None,
                   providers: list[Path], fmt: str, out: Path | None, load_id: int | None,
                   la: str | None = None) -> None:
    from clearsight.rules.validate import validate_files, validate_load

    if fmt not in FORMATS:
        stop(f"--format must be one of {', '.join(FORMATS)}")
    with bad_input(KeyError, ValueError, FileNotFoundError, unreadable=True):
        if load_id is not None:
            result, con = validate_load(load_id, providers=providers, la=la)
        else:
            if path is None or year is None:
                stop("give PATH and --year, or --load ID")
            result, con, _timing = validate_files(path, return_code, year, previous=previous, providers=providers,
                                                  la=la)
    found = file_findings(con, return_code, load_id)
    write(findings_report(result, con, source_tables(return_code, result.year), found), fmt, out, console=console)


def file_findings(con, return_code: str, load_id: int | None) -> list[dict]:
    """The schema and value findings of the validated load: ``load_id``, or (files validated in memory) the
    first load there, the files given (a ``--previous`` return is loaded after them)."""
    from clearsight.warehouse import catalog
    from clearsight.warehouse.catalog import FILE_ORIGINS, load_findings_detail

    if load_id is None:
        ids = catalog.load_ids(con, return_code)
        if not ids:
            return []
        load_id = ids[0]
    return load_findings_detail(con, load_id, FILE_ORIGINS)


def findings_report(result, con, tables: dict, found: list[dict] | None = None) -> Report:
    """A validation result as a report: the summary on screen (also after a workbook), the findings as CSV, JSON
    and the findings workbook. ``found``: the files' own findings, shown after the rules' (the JSON's
    ``file_findings``); None for checks that read no files (the cross-return checks)."""
    from clearsight.reports.validation import findings_table, findings_xlsx, summary_screen

    files = found or []

    def payload() -> dict:
        made = result.as_json(with_type=json_with_type(result.return_code))
        if found is not None:
            made["file_findings"] = found
        return made

    return Report(screen=lambda: summary_screen(result, files), rows=lambda: findings_table(result, files),
                  payload=payload, workbook=lambda target: findings_xlsx(result, con, tables, target, files),
                  xlsx_name=f"validation-{result.return_code}-{result.year}.xlsx", screen_after_xlsx=True)


@rules_app.command("list")
def rules_list(
    return_code: Annotated[str, typer.Option("--return", help=" or ".join(r.code for r in registry.validated()))] = "ssda903",
    year: Annotated[str, typer.Option(help="Collection year")] = "2025-26",
    fmt: Annotated[str, typer.Option("--format", help="table or json")] = "table",
) -> None:
    """The DfE catalogue for a year, with each rule's status in Clearsight."""
    from clearsight.rules.definition import catalogue
    from clearsight.rules.validate import rules_for

    implemented = {r.code: r for r in rules_for(return_code)}
    items = []
    for code, entry in catalogue(return_code).items():
        if year not in entry.years:
            continue
        rule = implemented.get(code)
        status = "implemented" if rule else "missing"
        if rule and rule.needs:
            status += " (needs " + ", ".join(rule.needs) + ")"
        items.append({"code": code, "type": entry.type, "status": status, "tables": list(entry.tables),
                      "message": entry.message})
    table = Table([Column(c, overflow="fold") for c in ("code", "type", "status", "tables", "message")],
                  [{**it, "tables": ", ".join(it["tables"])} for it in items], title=f"{return_code} rules for {year}")
    done = sum(1 for it in items if it["status"] != "missing")
    write(Report(screen=[table, Line(f"{done} of {len(items)} implemented; {len(items) - done} missing")],
                 payload={"return": return_code, "year": year, "rules": items}), fmt, console=console)
