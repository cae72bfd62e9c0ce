"""`sam freshness`: dbt source freshness as of the data's own day (sam.freshness, issue 19)."""

from __future__ import annotations

import typer

from sam.cli.common import command_app, fail, iso_date
from sam.dbt_runner import DataDirError
from sam.freshness import freshness

app = command_app()


@app.command(
    "freshness", context_settings={"allow_extra_args": True, "ignore_unknown_options": True}
)
def freshness_command(
    ctx: typer.Context,
    as_of: str = typer.Option(
        None,
        "--as-of",
        help="Judge the sources as of the end of this day (YYYY-MM-DD; default: the data "
        "directory's manifest.json as_of, e.g. the demo's, else now).",
    ),
) -> None:
    """dbt source freshness on the data directory: every source table with a load-time column,
    stale past its warn_after / error_after (exit 1). Extra arguments go to dbt."""
    if as_of is not None:
        iso_date("--as-of", as_of)
    try:
        code = freshness(as_of, ctx.args)
    except DataDirError as err:
        raise fail(str(err)) from None
    raise typer.Exit(code)
