"""The ``clearsight`` command line: the Typer app, with one module per command group.

``doctor``: :mod:`clearsight.cli.doctor`; ``synth``: :mod:`~clearsight.cli.synth`; ``load``, ``loads``:
:mod:`~clearsight.cli.load`; ``publish``, ``discard``: :mod:`~clearsight.cli.publish`; ``demo``: :mod:`~clearsight.cli.demo`; ``serve``, ``createuser``:
:mod:`~clearsight.cli.web`; ``validate ...``, ``rules list``: :mod:`~clearsight.cli.validate`; ``measures``,
``measures list``, ``measure``, ``council set``: :mod:`~clearsight.cli.measures`. What they share (consoles,
progress, ``--years``, bad input as exit code 2) is :mod:`~clearsight.cli.common`; what they write goes through
:mod:`clearsight.reports.output`.
"""

from __future__ import annotations

import sys

import typer

from clearsight.cli import demo, doctor, findings, load, measures, publish, synth, validate, web
from clearsight.cli.common import err, parse_years

__all__ = ["app", "main", "parse_years"]

app = typer.Typer(help="Clearsight: a clear sight of how well children's services help children.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)

# The commands, in the order `clearsight --help` lists them.
app.command()(doctor.doctor)
app.command()(synth.synth)
app.command()(load.load)
app.command()(load.loads)
app.command("publish")(publish.publish)
app.command("discard")(publish.discard)
app.command()(findings.findings)
app.command()(demo.demo)
app.command("serve")(web.serve_cmd)
app.command("createuser")(web.createuser_cmd)
app.add_typer(validate.validate_app, name="validate")
app.add_typer(validate.rules_app, name="rules")
app.add_typer(measures.measures_app, name="measures")
app.add_typer(measures.council_app, name="council")
app.command("measure")(measures.measure_cmd)


def main() -> None:
    """The ``clearsight`` script: run the app; Ctrl-C is exit code 130 (loads are atomic, so nothing is half-kept)."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("interrupted; nothing half-loaded is kept")
        sys.exit(130)
