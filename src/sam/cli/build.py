"""`sam build`: dbt build on the DuckDB target with the data directory resolved
(sam.dbt_runner)."""

from __future__ import annotations

import typer

from sam.cli.common import command_app, fail
from sam.dbt_runner import DataDirError, build

app = command_app()


@app.command("build", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def build_command(
    ctx: typer.Context,
    crm: str = typer.Option(
        None, help="hubspot | salesforce (default: the CRM folder found in the data directory)."
    ),
) -> None:
    """dbt build on the DuckDB target, with the data directory (SAM_DATA_DIR) and database
    (SAM_DUCKDB_PATH) resolved. Extra arguments go to dbt (e.g. `sam build --select ga4`)."""
    if crm is not None and crm not in ("hubspot", "salesforce"):
        raise fail(f"--crm must be hubspot or salesforce, not {crm!r}")
    try:
        code = build(crm, ctx.args)
    except DataDirError as err:
        raise fail(str(err)) from None
    raise typer.Exit(code)
