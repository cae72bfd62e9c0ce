"""`sam export ga4|google-ads|meta`: CRM outcomes back to the ad platforms (sam.export,
docs/closing-the-loop.md)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Annotated

import typer

from sam.check.config import dbt_var
from sam.cli.common import command_app, fail
from sam.export.destinations import ConfigError, sender_for
from sam.export.payloads import PayloadError
from sam.export.runner import run_export
from sam.export.status import Destination, Windows, as_of_instant
from sam.export.transport import Transport
from sam.export.warehouse import BigQueryWarehouse, DuckDBWarehouse, Warehouse, WarehouseError
from sam.project import REPO_ROOT, duckdb_path

app = command_app()

DESTINATION_NAMES: dict[str, Destination] = {
    "ga4": "ga4",
    "google-ads": "google_ads",
    "meta": "meta",
}


def _windows() -> Windows:
    """The windows from the dbt vars (the same ones the exp_ models use)."""

    def number(name: str, default: float) -> float:
        value = dbt_var(name)
        return default if value is None else float(str(value))

    return Windows(
        ga4_backdate_hours=number("sam_export_ga4_backdate_hours", 72),
        google_ads_min_click_age_hours=number("sam_export_google_ads_min_click_age_hours", 6),
        meta_max_age_days=number("sam_export_meta_max_age_days", 7),
    )


@app.command("export")
def export_command(
    destination: Annotated[str, typer.Argument(help="ga4, google-ads or meta.")],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            help="'Now' of every window: the end of this day, UTC (YYYY-MM-DD; default: now). "
            "The frozen demo: its last day.",
        ),
    ] = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Folder for the request bodies (default target/exports)."),
    ] = None,
    send: Annotated[
        bool, typer.Option("--send", help="Send (default: dry run, nothing leaves).")
    ] = False,
    resend_in_doubt: Annotated[
        bool,
        typer.Option(
            "--resend-in-doubt",
            help="GA4 only: resend rows whose request went out without a recorded answer.",
        ),
    ] = False,
    engine: Annotated[
        str, typer.Option(help="duckdb (the SAM DuckDB file) or bigquery.")
    ] = "duckdb",
    schema: Annotated[
        str | None,
        typer.Option(help="Schema / dataset of the exp_ tables (default main / $SAM_BQ_DATASET)."),
    ] = None,
    ledger_schema: Annotated[
        str | None,
        typer.Option(help="Schema / dataset of the ledger (default: --schema)."),
    ] = None,
    max_attempts: Annotated[
        int, typer.Option(min=1, help="Tries per request on 429 / 5xx / no answer.")
    ] = 5,
) -> None:
    """Send CRM outcomes (qualified leads, pipeline, revenue) back to GA4, Google Ads or Meta,
    from the exp_ tables of the last dbt build: each once, within its window, with a ledger.
    Dry run by default: writes every exact request body as JSON and prints the rows per status.
    Credentials and endpoints from the environment (docs/closing-the-loop.md)."""
    chosen = DESTINATION_NAMES.get(destination)
    if chosen is None:
        raise fail(f"destination must be ga4, google-ads or meta, not {destination!r}")
    if as_of is None:
        now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    else:
        try:
            now = as_of_instant(dt.date.fromisoformat(as_of))
        except ValueError:
            raise fail(f"--as-of must be a date YYYY-MM-DD (got {as_of!r})") from None
    warehouse: Warehouse
    try:
        if engine == "duckdb":
            warehouse = DuckDBWarehouse(duckdb_path(), schema or "main", ledger_schema)
        elif engine == "bigquery":
            project = os.environ.get("SAM_BQ_PROJECT", "")
            dataset = schema or os.environ.get("SAM_BQ_DATASET", "sam")
            if not project:
                raise fail("engine bigquery: environment variable SAM_BQ_PROJECT is not set")
            warehouse = BigQueryWarehouse(project, dataset, ledger_schema)
        else:
            raise fail(f"--engine must be duckdb or bigquery, not {engine!r}")
        try:
            transport = Transport(max_attempts=max_attempts)
            sender = sender_for(chosen, transport) if send else None
            customer_id = os.environ.get("SAM_GOOGLE_ADS_CUSTOMER_ID", "CUSTOMER_ID")
            result = run_export(
                chosen,
                warehouse,
                now,
                out_dir=(out or REPO_ROOT / "target" / "exports") / destination,
                sender=sender,
                windows=_windows(),
                resend_in_doubt=resend_in_doubt,
                google_ads_customer_id=customer_id.replace("-", ""),
            )
        finally:
            warehouse.close()
    except (ConfigError, WarehouseError, PayloadError) as err:
        raise fail(str(err)) from None
    typer.echo(result.summary(send))
    raise typer.Exit(1 if send and result.failed else 0)
