"""`sam import-ga4-json`: GA4 BigQuery JSON exports into Parquet shards (sam.ga4.importer)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

import typer

from sam.cli.common import command_app, fail
from sam.ga4.importer import ImportFailed
from sam.ga4.importer import import_ga4_json as run_import
from sam.ga4.schema import ShardKind

app = command_app()


@app.command("import-ga4-json")
def import_ga4_json(
    inputs: Annotated[
        list[Path],
        typer.Argument(
            metavar="INPUT",
            help="BigQuery NDJSON exports of GA4 events (bq extract NEWLINE_DELIMITED_JSON; "
            ".gz ok).",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Data folder: shards go to OUT/ga4/.")],
    kind: Annotated[
        Literal["daily", "intraday"],
        typer.Option(help="Write events_YYYYMMDD or events_intraday_YYYYMMDD shards."),
    ] = "daily",
    append: Annotated[
        bool, typer.Option("--append", help="Add to existing shards of the same dates.")
    ] = False,
    batch_rows: Annotated[
        int | None, typer.Option(min=1, help="Rows held in memory before a flush to disk.")
    ] = None,
) -> None:
    """Convert GA4 BigQuery JSON exports into Parquet shards, one per event_date.

    Shards of the dates in the input are replaced unless --append is given; others are kept.
    """
    shard_kind = ShardKind.INTRADAY if kind == "intraday" else ShardKind.DAILY
    try:
        result = run_import(inputs, out, shard_kind, append=append, batch_rows=batch_rows)
    except ImportFailed as err:
        raise fail(str(err)) from None
    if result.dropped_keys:
        dropped = ", ".join(f"{key} x{n}" for key, n in sorted(result.dropped_keys.items()))
        typer.echo(
            f"sam: dropped {len(result.dropped_keys)} key(s) not in the GA4 {kind} export "
            f"schema (values not imported): {dropped}",
            err=True,
        )
    shards = ", ".join(
        f"{s.path.stem} {s.rows}" + (f" (+{s.kept_rows} kept)" if s.kept_rows else "")
        for s in result.shards
    )
    mode = "appended" if append else "replaced"
    typer.echo(
        f"sam: imported {result.rows} rows into {len(result.shards)} {kind} shard(s) "
        f"in {out / 'ga4'} ({mode} per date): {shards or 'none'}"
    )
