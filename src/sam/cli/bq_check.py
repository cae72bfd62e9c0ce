"""`sam bq-check`: the offline BigQuery check of the compiled project (sam.bq_check)."""

from __future__ import annotations

import typer

from sam import bq_check
from sam.cli.common import command_app, fail

app = command_app()


@app.command("bq-check")
def bq_check_command(
    select: str = typer.Option(None, help="dbt selection to check (default: the whole project)."),
    semantic: bool = typer.Option(
        True,
        help="Also analyse every compiled model and test with GoogleSQL (ZetaSQL) against the "
        "catalog of sources, seeds and upstream models (whole project only).",
    ),
) -> None:
    """Offline BigQuery check: compile for the bigquery target with no warehouse, parse every
    compiled model and test as BigQuery SQL, list DuckDB-only syntax, and resolve every name and
    type with GoogleSQL (ZetaSQL). Exit 1 on findings."""
    try:
        report = bq_check.run(select, semantic=semantic and select is None)
    except RuntimeError as err:
        raise fail(str(err)) from None
    for finding in report.findings:
        typer.echo(str(finding))
    for skipped in report.skipped:
        typer.echo(f"not analysed, reads a model that failed: {skipped}")
    verdict = "FAILED" if report.findings else "ok"
    analyzed = (
        f", {report.analyzed} statements analysed by GoogleSQL"
        f" ({report.unit_tests} of them unit-test queries)"
        if report.analyzed is not None
        else ""
    )
    typer.echo(
        f"bq-check: {report.files} compiled files parsed as BigQuery{analyzed}, "
        f"{len(report.findings)} findings: {verdict}"
    )
    raise typer.Exit(1 if report.findings else 0)
