"""The `sam` command line: what SQL should not do (generate, import, check, report, export)."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer

from sam.secrets import mask


class _OneLineTyper(typer.Typer):
    """Issue 14: whatever goes wrong, the user reads one line with no secret in it, never a
    traceback (SAM_DEBUG=1 shows the traceback for a bug report)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if os.environ.get("SAM_DEBUG"):
            return super().__call__(*args, **kwargs)
        try:
            return super().__call__(*args, standalone_mode=False, **kwargs)
        except typer.Exit as done:
            sys.exit(done.exit_code)
        except typer.Abort:
            typer.secho("sam: aborted", err=True, fg=typer.colors.RED)
            sys.exit(130)
        except KeyboardInterrupt:
            sys.exit(130)
        except Exception as err:  # click usage errors and any bug: one line, secrets masked
            usage = getattr(err, "format_message", None)
            if usage is not None and hasattr(err, "exit_code"):
                typer.secho(f"sam: {mask(usage())}", err=True, fg=typer.colors.RED)
                sys.exit(int(getattr(err, "exit_code", 2)))
            first = (str(err).strip().splitlines() or [""])[0]
            typer.secho(
                f"sam: unexpected {type(err).__name__}: {mask(first)} (SAM_DEBUG=1 for details)",
                err=True,
                fg=typer.colors.RED,
            )
            sys.exit(3)


app = _OneLineTyper(
    name="sam",
    help="SAM (systematic attribution marketing): GA4 + CRM + ad spend -> ROI per channel.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def fail(message: str) -> typer.Exit:
    """Print a one-line reason on stderr (passwords and keys masked) and return the exit to
    raise (exit code 2)."""
    first = (mask(message).strip().splitlines() or [""])[0]
    typer.secho(f"sam: {first}", err=True, fg=typer.colors.RED)
    return typer.Exit(code=2)


# --- demo-data (sam.demo) ---------------------------------------------------------------------
import datetime as _dt  # noqa: E402
import os as _os  # noqa: E402
from pathlib import Path as _Path  # noqa: E402


def _iso_date(option: str, value: str) -> _dt.date:
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise fail(f"{option} must be a date YYYY-MM-DD (got {value!r})") from None


@app.command("demo-data")
def demo_data(
    out: _Path | None = typer.Option(
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
    from sam.demo.generator import DemoConfig, DemoError, generate

    target = out or _Path(_os.environ.get("SAM_DATA_DIR") or "data/demo")
    cfg = DemoConfig(target, seed, _iso_date("--start", start), _iso_date("--as-of", as_of), scale)

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


# --- import-ga4-json (sam.ga4.importer) -------------------------------------------------------
# Imported here, not at the top, so this block stays self-contained beside its neighbours.
from pathlib import Path  # noqa: E402
from typing import Annotated, Literal  # noqa: E402


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
    from sam.ga4.importer import ImportFailed
    from sam.ga4.importer import import_ga4_json as run_import
    from sam.ga4.schema import ShardKind

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


# --- build / summary / bq-check (sam.dbt_runner, sam.bq_check) ---------------------------------


@app.command("build", context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def build_command(
    ctx: typer.Context,
    crm: str = typer.Option(
        None, help="hubspot | salesforce (default: the CRM folder found in the data directory)."
    ),
) -> None:
    """dbt build on the DuckDB target, with the data directory (SAM_DATA_DIR) and database
    (SAM_DUCKDB_PATH) resolved. Extra arguments go to dbt (e.g. `sam build --select ga4`)."""
    from sam.dbt_runner import DataDirError, build

    if crm is not None and crm not in ("hubspot", "salesforce"):
        raise fail(f"--crm must be hubspot or salesforce, not {crm!r}")
    try:
        code = build(crm, ctx.args)
    except DataDirError as err:
        raise fail(str(err)) from None
    raise typer.Exit(code)


@app.command("summary")
def summary_command() -> None:
    """Print the per-channel summary of the built database (and the demo's ground truth)."""
    import duckdb

    from sam.project import data_dir, duckdb_path
    from sam.summary import summary

    try:
        typer.echo(summary(duckdb_path(), data_dir()))
    except FileNotFoundError as err:
        raise fail(str(err)) from None
    except duckdb.Error as err:
        # issue 14: a database without the marts (never built, or a build that failed)
        first = (str(err).splitlines() or [""])[0]
        raise fail(f"no marts to summarise in {duckdb_path()} (run `sam build`): {first}") from None


@app.command("bq-check")
def bq_check_command(
    select: str = typer.Option(None, help="dbt selection to check (default: the whole project)."),
    semantic: bool = typer.Option(
        True,
        help="Also analyse every compiled model and test with GoogleSQL (ZetaSQL) against the "
        "catalog of sources, seeds and upstream models (whole project only).",
    ),
) -> None:
    """Offline BigQuery check: compile for the bigquery target with no warehouse, parse every
    compiled model and test as BigQuery SQL, list DuckDB-only syntax, and resolve every name and
    type with GoogleSQL (ZetaSQL). Exit 1 on findings."""
    from sam import bq_check

    try:
        report = bq_check.run(select, semantic=semantic and select is None)
    except RuntimeError as err:
        raise fail(str(err)) from None
    for finding in report.findings:
        typer.echo(str(finding))
    for skipped in report.skipped:
        typer.echo(f"not analysed, reads a model that failed: {skipped}")
    verdict = "FAILED" if report.findings else "ok"
    analyzed = (
        f", {report.analyzed} statements analysed by GoogleSQL"
        if report.analyzed is not None
        else ""
    )
    typer.echo(
        f"bq-check: {report.files} compiled files parsed as BigQuery{analyzed}, "
        f"{len(report.findings)} findings: {verdict}"
    )
    raise typer.Exit(1 if report.findings else 0)


# --- check / report (sam.check, sam.report) ---------------------------------------------------


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
    docs_dir: _Path = typer.Option(
        None, help="Folder for the great-expectations data docs (default reports/gx-data-docs)."
    ),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="List passed expectations too."),
) -> None:
    """Data-quality gate: a great-expectations checkpoint over the marts (keys, credit ranges,
    ratios, revenue and spend reconciliations, freshness, junk share). Exit 1 when an expectation
    fails, naming it; data docs written to --docs-dir. Thresholds: docs/check.md."""
    from sam.check.config import ConfigError, load_config
    from sam.check.runner import CheckError, run_check
    from sam.secrets import remember_url_password

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


@app.command("report")
def report_command(
    out: _Path = typer.Option(
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
    from sam.check.config import dbt_var
    from sam.project import REPO_ROOT, duckdb_path
    from sam.report.build import build_report
    from sam.report.data import ReportError

    chosen = model or str(dbt_var("sam_reporting_attribution_model") or "linear")
    currency = str(dbt_var("sam_reporting_currency") or "USD")
    database = duckdb_path()
    if bigquery:
        from sam.bq_marts import BigQueryReadError, copy_marts

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


# --- export (sam.export): closing the loop, docs/closing-the-loop.md --------------------------
from sam.export.cli import export_command  # noqa: E402

app.command("export")(export_command)


# --- freshness (sam.freshness): dbt source freshness as of the data's own day (issue 19) ------


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
    from sam.dbt_runner import DataDirError
    from sam.freshness import freshness

    if as_of is not None:
        _iso_date("--as-of", as_of)
    try:
        code = freshness(as_of, ctx.args)
    except DataDirError as err:
        raise fail(str(err)) from None
    raise typer.Exit(code)


# --- bench (sam.bench) -------------------------------------------------------------------------


@app.command("bench")
def bench_command(
    scale: float = typer.Option(1.0, help="Demo scale (7.4: ~10 M GA4 events, 74: ~100 M)."),
    data: str = typer.Option(
        None, help="Data folder, generated without a manifest.json (default: data/bench-<scale>)."
    ),
    steps: str = typer.Option(
        "baseline,full,incremental", help="Comma-separated: baseline, full, incremental."
    ),
) -> None:
    """Time and peak RSS of the minimal GA4 query (the baseline), a full `sam build` and a
    one-day incremental build on demo data of a given scale, with the ratios (issue 18)."""
    from pathlib import Path

    from sam.bench import BenchError, run_bench
    from sam.project import REPO_ROOT

    folder = Path(data) if data else REPO_ROOT / "data" / f"bench-{scale:g}"
    try:
        report = run_bench(folder, scale, steps=[s.strip() for s in steps.split(",") if s.strip()])
    except BenchError as err:
        raise fail(str(err)) from None
    typer.echo(report.markdown())


if __name__ == "__main__":
    app()
