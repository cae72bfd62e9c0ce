"""`sam bench`: the minimal GA4 query against a full and a one-day incremental build (sam.bench,
issue 18)."""

from __future__ import annotations

from pathlib import Path

import typer

from sam.bench import STEPS, BenchError, run_bench
from sam.cli.common import command_app, fail
from sam.project import REPO_ROOT

app = command_app()


@app.command("bench")
def bench_command(
    scale: float = typer.Option(1.0, help="Demo scale (7.4: ~10 M GA4 events, 74: ~100 M)."),
    data: str = typer.Option(
        None, help="Data folder, generated without a manifest.json (default: data/bench-<scale>)."
    ),
    steps: str = typer.Option(",".join(STEPS), help=f"Comma-separated, of: {', '.join(STEPS)}."),
) -> None:
    """Time and peak RSS of the minimal GA4 query (the baseline), a full `sam build`, the daily
    run with no new data and with one new day (the nightly selector: no unit tests, tests on the
    rewritten partitions) and the same day as a plain `sam build`, with the ratios (issue 18)."""
    folder = Path(data) if data else REPO_ROOT / "data" / f"bench-{scale:g}"
    try:
        report = run_bench(folder, scale, steps=[s.strip() for s in steps.split(",") if s.strip()])
    except BenchError as err:
        raise fail(str(err)) from None
    typer.echo(report.markdown())
