"""`sam report`: the KPI-myopia report (sam.report)."""

from __future__ import annotations

from pathlib import Path

import typer

from sam.bq_marts import BigQueryReadError, copy_marts
from sam.check.config import dbt_var
from sam.cli.common import command_app, fail
from sam.project import REPO_ROOT, duckdb_path
from sam.report.build import build_report
from sam.report.data import ReportError

app = command_app()


@app.command("report")
def report_command(
    out: Path = typer.Option(
        None, "--out", help="Output folder (default: reports/ in the repository)."
    ),
    model: str = typer.Option(
        None,
        help="Attribution model of the rankings and totals (default: dbt var "
        "sam_reporting_attribution_model when declared, else linear).",
    ),
    bigquery: str = typer.Option(
        None,
        "--bigquery",
        help="Read the marts from this BigQuery dataset ([project.]dataset; Application Default "
        "Credentials) instead of the DuckDB file: they are copied into target/report_marts.duckdb.",
    ),
) -> None:
    """The KPI-myopia report: channels ranked by cost per lead vs by ROI, revenue under each
    attribution model, junk-lead share, spend vs revenue, touch coverage. Writes one
    self-contained HTML page and the charts as PNG. See docs/report.md."""
    chosen = model or str(dbt_var("sam_reporting_attribution_model") or "linear")
    currency = str(dbt_var("sam_reporting_currency") or "USD")
    database = duckdb_path()
    if bigquery:
        database = REPO_ROOT / "target" / "report_marts.duckdb"
        try:
            copied = copy_marts(bigquery, database)
        except BigQueryReadError as err:
            raise fail(str(err)) from None
        typer.echo(f"sam report: read {sum(copied.values()):,} rows of {len(copied)} marts")
    try:
        report = build_report(database, out or REPO_ROOT / "reports", chosen, currency)
    except ReportError as err:
        raise fail(str(err)) from None
    typer.echo(f"sam report: {report.html} ({len(report.images)} charts, also as PNG beside it)")
