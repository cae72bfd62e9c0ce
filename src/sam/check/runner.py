"""`sam check`: run the expectation suites (sam.check.suites) as one great-expectations checkpoint,
write GX's data docs, and summarise what failed in lines a person reads.

Engines:
- duckdb (default): each batch's query runs in DuckDB (read-only) and lands as a Parquet file in a
  scratch folder; GX validates those files with its pandas filesystem datasource. (GX 1.24's SQL
  datasource returns empty metrics on duckdb-engine, see docs/check.md.)
- sql: GX's SQL datasource with one query asset per batch on any SQLAlchemy URL, e.g.
  `bigquery://my-project/sam` (needs the sqlalchemy-bigquery package).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from sam.check.config import CheckConfig
from sam.check.suites import Batch, Expect, build_batches
from sam.secrets import mask


class CheckError(RuntimeError):
    """The check could not run at all (no database, GX failure): a one-line reason."""


@dataclass(frozen=True)
class Outcome:
    """One expectation's verdict."""

    batch: str
    expectation: str  # e.g. expect_column_values_to_be_unique(deal_id)
    success: bool
    detail: str  # what was observed, for a failure
    why: str

    def line(self) -> str:
        verdict = "ok    " if self.success else "FAILED"
        text = f"{verdict} {self.batch}: {self.expectation}"
        if not self.success:
            text += f" - {self.detail} ({self.why})"
        return text


@dataclass(frozen=True)
class CheckResult:
    outcomes: list[Outcome]
    docs_index: Path | None

    @property
    def success(self) -> bool:
        return all(o.success for o in self.outcomes)

    @property
    def failures(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.success]

    def summary(self, verbose: bool = False) -> str:
        batches = len({o.batch for o in self.outcomes})
        shown = self.outcomes if verbose else self.failures
        lines = [o.line() for o in shown]
        verdict = "FAILED" if self.failures else "passed"
        lines.append(
            f"sam check: {len(self.outcomes)} expectations on {batches} batches, "
            f"{len(self.failures)} failed: {verdict}"
        )
        if self.docs_index:
            lines.append(f"sam check: data docs in {self.docs_index}")
        return "\n".join(lines)


def _class_name(expectation_type: str) -> str:
    return "".join(part.capitalize() for part in expectation_type.split("_"))


def _short(value: object, limit: int = 120) -> str:
    text = str(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _detail(result: dict[str, Any], exception: dict[str, Any] | None) -> str:
    """What an expectation observed, in a few words."""
    # exception_info is either one {raised_exception, exception_message} or one per metric.
    infos = (
        [exception]
        if exception and "raised_exception" in exception
        else [info for info in (exception or {}).values() if isinstance(info, dict)]
    )
    for info in infos:
        if info.get("raised_exception"):
            message = str(info.get("exception_message") or "error").splitlines()[0]
            return f"could not evaluate: {_short(message)}"
    if "unexpected_count" in result:
        count = result.get("unexpected_count")
        total = result.get("element_count")
        examples = [str(x) for x in (result.get("partial_unexpected_list") or [])[:3]]
        text = f"{count} of {total} rows unexpected"
        return text + (f", e.g. {_short(examples)}" if examples else "")
    if "observed_value" in result:
        return f"observed {_short(result['observed_value'])}"
    return _short(result) if result else "failed"


def _clean_docs_dir(docs_dir: Path) -> None:
    """Remove what GX wrote there last time (only its own entries; the folder is the user's)."""
    for entry in ("index.html", "static", "validations", "expectations"):
        path = docs_dir / entry
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()


def _export_duckdb(config: CheckConfig, batches: list[Batch], folder: Path) -> dict[str, str]:
    """Run each batch's query in DuckDB into folder/<batch>.parquet; returns failed queries."""
    if not config.database.exists():
        raise CheckError(f"no SAM database at {config.database} (run `sam build` first)")
    failed: dict[str, str] = {}
    try:
        con = duckdb.connect(str(config.database), read_only=True)
    except duckdb.Error as err:
        raise CheckError(f"cannot open {config.database}: {str(err).splitlines()[0]}") from None
    with con:
        for batch in batches:
            target = (folder / f"{batch.name}.parquet").as_posix()
            try:
                con.execute(f"copy ({batch.sql}) to '{target}' (format parquet)")
            except duckdb.Error as err:
                failed[batch.name] = str(err).splitlines()[0]
    if batches and len(failed) == len(batches):
        raise CheckError(
            f"no marts in {config.database} (run `sam build` first): {next(iter(failed.values()))}"
        )
    return failed


def run_check(config: CheckConfig, log: Callable[[str], None] = lambda _: None) -> CheckResult:
    """Run every suite as one checkpoint; write data docs to config.docs_dir."""
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    batches = build_batches(config)
    with tempfile.TemporaryDirectory(prefix="sam-check-") as scratch:
        folder = Path(scratch)
        failed_queries: dict[str, str] = {}
        if config.engine == "duckdb":
            log(f"reading the marts in {config.database}")
            failed_queries = _export_duckdb(config, batches, folder)
        log("loading great-expectations")
        return _run_gx(config, batches, folder, failed_queries, log)


def _run_gx(
    config: CheckConfig,
    batches: list[Batch],
    folder: Path,
    failed_queries: dict[str, str],
    log: Callable[[str], None],
) -> CheckResult:
    import great_expectations as gx
    from great_expectations.checkpoint.actions import UpdateDataDocsAction
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    if config.engine == "duckdb":
        source: Any = context.data_sources.add_pandas_filesystem("sam_marts", base_directory=folder)
    else:
        try:
            source = context.data_sources.add_sql(
                "sam_marts", connection_string=str(config.connection_string)
            )
        except Exception as err:  # GX wraps driver errors in many types
            url = mask(str(config.connection_string))
            raise CheckError(f"cannot use {url}: {_short(mask(str(err)))}") from None

    outcomes: list[Outcome] = []
    definitions = []
    by_name: dict[str, Batch] = {}
    for batch in batches:
        if batch.name in failed_queries:
            outcomes.append(
                Outcome(batch.name, "query", False, failed_queries[batch.name], "the mart query")
            )
            continue
        if config.engine == "duckdb":
            asset = source.add_parquet_asset(batch.name)
            definition = asset.add_batch_definition_path(batch.name, path=f"{batch.name}.parquet")
        else:
            asset = source.add_query_asset(batch.name, query=batch.sql)
            definition = asset.add_batch_definition_whole_table(batch.name)
        suite = context.suites.add(gx.ExpectationSuite(name=batch.name))
        for number, spec in enumerate(batch.expectations):
            suite.add_expectation(_to_gx(gx, spec, number))
        definitions.append(
            context.validation_definitions.add(
                gx.ValidationDefinition(name=batch.name, data=definition, suite=suite)
            )
        )
        by_name[batch.name] = batch

    config.docs_dir.mkdir(parents=True, exist_ok=True)
    _clean_docs_dir(config.docs_dir)
    context.add_data_docs_site(
        site_name="sam",
        site_config={
            "class_name": "SiteBuilder",
            "store_backend": {
                "class_name": "TupleFilesystemStoreBackend",
                "base_directory": str(config.docs_dir),
            },
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
        },
    )
    checkpoint = context.checkpoints.add(
        gx.Checkpoint(
            name="sam_marts",
            validation_definitions=definitions,
            actions=[UpdateDataDocsAction(name="data_docs", site_names=["sam"])],
            result_format="SUMMARY",
        )
    )
    log(f"running {sum(len(b.expectations) for b in by_name.values())} expectations")
    try:
        result = checkpoint.run()
    except Exception as err:  # a datasource that cannot connect fails the whole run
        raise CheckError(f"great-expectations checkpoint failed: {_short(err)}") from None

    for validation in result.run_results.values():
        batch = by_name[validation.suite_name]
        for item in validation.results:
            meta = item.expectation_config.meta if item.expectation_config else {}
            number = int((meta or {}).get("sam_index", -1))
            spec = batch.expectations[number]
            outcomes.append(
                Outcome(
                    batch.name,
                    spec.label,
                    bool(item.success),
                    "" if item.success else _detail(item.result, item.exception_info),
                    spec.why,
                )
            )
    order = {b.name: i for i, b in enumerate(batches)}
    outcomes.sort(key=lambda o: order[o.batch])
    index = config.docs_dir / "index.html"
    return CheckResult(outcomes, index if index.exists() else None)


def _to_gx(gx: Any, spec: Expect, number: int) -> Any:
    cls = getattr(gx.expectations, _class_name(spec.type), None)
    if cls is None:  # a typo in the suites is a programming error, caught by the tests
        raise CheckError(f"unknown expectation type {spec.type}")
    return cls(**spec.kwargs, meta={"sam_index": number, "why": spec.why})
