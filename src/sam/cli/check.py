"""`sam check`: the data-quality gate over the marts (sam.check)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from sam.check.config import ConfigError, load_config
from sam.check.runner import CheckError, run_check
from sam.cli.common import command_app, fail
from sam.secrets import mask, remember_url_password

app = command_app()


@app.command("check")
def check_command(
    as_of: str = typer.Option(
        None,
        "--as-of",
        help="'Today' of the data for the freshness check (YYYY-MM-DD; default: today, UTC; "
        "env SAM_CHECK_AS_OF).",
    ),
    max_age_days: int = typer.Option(
        None, help="Newest session at most this many days before --as-of (default 2)."
    ),
    max_junk_share: float = typer.Option(
        None,
        help="Fail when more than this share of leads is junk (default: dbt var "
        "sam_max_junk_share when declared, else 0.25).",
    ),
    engine: str = typer.Option(
        None, help="duckdb (default: the SAM DuckDB file) or sql (--connection-string)."
    ),
    connection_string: str = typer.Option(
        None, help="SQLAlchemy URL for engine sql, e.g. bigquery://my-project/sam."
    ),
    schema: str = typer.Option(
        None, help="Schema / dataset of the marts (default: the connection's)."
    ),
    docs_dir: Path = typer.Option(
        None, help="Folder for the great-expectations data docs (default reports/gx-data-docs)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List passed expectations too."),
) -> None:
    """Data-quality gate: a great-expectations checkpoint over the marts (keys, credit ranges,
    ratios, revenue and spend reconciliations, freshness, junk share). Exit 1 when an expectation
    fails, naming it; data docs written to --docs-dir. Thresholds: docs/check.md."""
    remember_url_password(connection_string or os.environ.get("SAM_CHECK_CONNECTION_STRING"))
    try:
        config = load_config(
            {
                "as_of": as_of,
                "max_age_days": max_age_days,
                "max_junk_share": max_junk_share,
                "engine": engine,
                "connection_string": connection_string,
                "schema": schema,
                "docs_dir": docs_dir,
            }
        )
        result = run_check(config, log=lambda m: typer.echo(f"sam check: {mask(m)}", err=True))
    except (ConfigError, CheckError) as err:
        raise fail(str(err)) from None
    typer.echo(mask(result.summary(verbose)))
    raise typer.Exit(0 if result.success else 1)
