"""`sam demo-data`: the deterministic demo data (sam.demo)."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from sam.cli.common import command_app, fail, iso_date
from sam.demo.generator import DemoConfig, DemoError, generate

app = command_app()


@app.command("demo-data")
def demo_data(
    out: Path | None = typer.Option(
        None, "--out", help="Output folder (default: $SAM_DATA_DIR, else ./data/demo)."
    ),
    seed: int = typer.Option(42, help="Random seed: the same arguments give the same files."),
    start: str = typer.Option("2024-06-01", help="First day of data (YYYY-MM-DD)."),
    as_of: str = typer.Option(
        "2024-12-31", "--as-of", help="'Today' of the data: its newest day, an intraday shard."
    ),
    scale: float = typer.Option(1.0, help="Traffic multiplier (1.0: about 1.4 M GA4 events)."),
    quiet: bool = typer.Option(False, "--quiet", help="Print nothing but errors."),
) -> None:
    """Generate the demo data: GA4 export shards, HubSpot and Salesforce (Fivetran schemas),
    Google / Facebook / LinkedIn / Microsoft Ads, FX rates and the ground truth, deterministically.
    See docs/demo-data.md."""
    target = out or Path(os.environ.get("SAM_DATA_DIR") or "data/demo")
    cfg = DemoConfig(target, seed, iso_date("--start", start), iso_date("--as-of", as_of), scale)

    def log(message: str) -> None:
        if not quiet:
            typer.echo(f"sam: {message}", err=True)

    try:
        manifest = generate(cfg, log=log)
    except DemoError as err:
        raise fail(str(err)) from None
    if not quiet:
        ga4 = manifest["ga4"]
        typer.echo(
            f"sam: demo data in {target}: {ga4['events']:,} GA4 events in "
            f"{ga4['daily_shards']} daily + {ga4['intraday_shards']} intraday shards, "
            f"{manifest['tables']['hubspot/contact']:,} HubSpot contacts, "
            f"{manifest['tables']['salesforce/opportunity']:,} deals (seed {cfg.seed}, "
            f"{cfg.start}..{cfg.as_of}, scale {cfg.scale})"
        )
