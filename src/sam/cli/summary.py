"""`sam summary`: the per-channel summary of the built database (sam.summary)."""

from __future__ import annotations

import duckdb
import typer

from sam.cli.common import command_app, fail
from sam.project import data_dir, duckdb_path
from sam.summary import summary

app = command_app()


@app.command("summary")
def summary_command() -> None:
    """Print the per-channel summary of the built database (and the demo's ground truth)."""
    try:
        typer.echo(summary(duckdb_path(), data_dir()))
    except FileNotFoundError as err:
        raise fail(str(err)) from None
    except duckdb.Error as err:
        # issue 14: a database without the marts (never built, or a build that failed)
        first = (str(err).splitlines() or [""])[0]
        raise fail(f"no marts to summarise in {duckdb_path()} (run `sam build`): {first}") from None
