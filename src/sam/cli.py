"""The `sam` command line: what SQL should not do (generate, import, check, report, export)."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="sam",
    help="SAM: systematic attribution marketing. GA4 + CRM + ad spend -> revenue and ROI per channel.",
    no_args_is_help=True,
    add_completion=False,
)


def fail(message: str) -> typer.Exit:
    """Print a one-line reason on stderr and return the exit to raise (exit code 2)."""
    typer.secho(f"sam: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=2)


# --- demo-data (sam.demo) ---------------------------------------------------------------------

# --- import-ga4-json (sam.ga4.importer) -------------------------------------------------------

# --- build / summary / bq-check (sam.dbt_runner, sam.bq_check) ---------------------------------


if __name__ == "__main__":
    app()
