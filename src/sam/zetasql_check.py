"""GoogleSQL semantic analysis of the compiled BigQuery SQL, offline (`sam bq-check`).

The sqlglot parse in bq_check.py proves the SQL is BigQuery *syntax*; it cannot tell INT64 = STRING
from INT64 = INT64. Google's own GoogleSQL front end (ZetaSQL, the analyzer BigQuery is built on;
PyPI `zetasql`, a WebAssembly build run by wasmtime) resolves every name and type against a catalog,
and rejects what BigQuery would reject at query time: a comparison of INT64 with STRING, TIMESTAMP
with DATE, `date_trunc('month', d)` (argument order), an unknown function or column, QUALIFY
without WHERE / GROUP BY / HAVING.

The catalog is what production has:
- the GA4 export: the wildcard tables `events_2*` (the newest daily schema) and
  `events_intraday_*` (the intraday schema), each with the `_TABLE_SUFFIX` pseudo-column; the types
  are sam.ga4.schema's (Google's DDL);
- the Fivetran tables as the data directory's Parquet files declare them (what a load job with the
  file's schema creates; Fivetran's own timestamps are TIMESTAMP);
- the seeds as dbt-bigquery loads them: the declared column_types, else its agate inference;
- every model: the output schema ZetaSQL resolved for it, analysed in DAG order (ephemeral models
  are CTEs of their dependents).
Then every compiled test (and the incremental branch of each incremental model, whose `{{ this }}`
is the model's own resolved schema) is analysed against that catalog.

Start-up compiles the 76 MB WASM module: ~40 s idle, over a minute on a busy machine. The compiled
machine code is cached on disk (wasmtime's Module.serialize), keyed by the zetasql and wasmtime
versions, so later runs start in under a second.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sam.bq_check import Finding
from sam.ga4 import schema as ga4_schema
from sam.project import REPO_ROOT

# zetasql's module is imported lazily (loading it costs seconds even before the WASM compile).
Type = Any

WASM_CACHE_DIR = Path(
    os.environ.get("SAM_ZETASQL_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "sam" / "zetasql"
)

BQ_TYPE_KINDS = {
    "STRING": "TYPE_STRING",
    "BYTES": "TYPE_BYTES",
    "INT64": "TYPE_INT64",
    "INTEGER": "TYPE_INT64",
    "FLOAT64": "TYPE_DOUBLE",
    "FLOAT": "TYPE_DOUBLE",
    "NUMERIC": "TYPE_NUMERIC",
    "BIGNUMERIC": "TYPE_BIGNUMERIC",
    "BOOL": "TYPE_BOOL",
    "BOOLEAN": "TYPE_BOOL",
    "DATE": "TYPE_DATE",
    "DATETIME": "TYPE_DATETIME",
    "TIMESTAMP": "TYPE_TIMESTAMP",
    "TIME": "TYPE_TIME",
    "JSON": "TYPE_JSON",
}

# BigQuery's type aliases (INT64 and NUMERIC spelled the other ways BigQuery accepts; dbt's
# type_bigint() renders `bigint`). ZetaSQL knows only the canonical names: the catalog adds these.
BIGQUERY_TYPE_ALIASES = {
    "bigint": "TYPE_INT64",
    "int": "TYPE_INT64",
    "integer": "TYPE_INT64",
    "smallint": "TYPE_INT64",
    "tinyint": "TYPE_INT64",
    "byteint": "TYPE_INT64",
    "decimal": "TYPE_NUMERIC",
    "bigdecimal": "TYPE_BIGNUMERIC",
}

LOCATION = re.compile(r"\[at (\d+):(\d+)\]")
BACKTICKED = re.compile(r"`([^`]*)`")


def _wasm_cache_file() -> Path:
    key = f"zetasql-{metadata.version('zetasql')}-wasmtime-{metadata.version('wasmtime')}"
    return WASM_CACHE_DIR / f"{key}.cwasm"


def _install_module_cache() -> None:
    """Make zetasql's WasmClient load the compiled module from disk when it can."""
    import wasmtime
    from zetasql.core import wasm_client

    if getattr(wasm_client.Module, "_sam_cached", False):
        return

    class CachedModule:
        _sam_cached = True

        @staticmethod
        def from_file(engine: wasmtime.Engine, path: str) -> wasmtime.Module:
            cache = _wasm_cache_file()
            if cache.exists():
                try:
                    return wasmtime.Module.deserialize_file(engine, str(cache))
                except Exception:  # a stale or foreign cache: compile again
                    cache.unlink(missing_ok=True)
            module = wasmtime.Module.from_file(engine, path)
            try:
                cache.parent.mkdir(parents=True, exist_ok=True)
                tmp = cache.with_suffix(f".{os.getpid()}.tmp")
                tmp.write_bytes(module.serialize())
                tmp.replace(cache)
            except OSError:
                pass  # a read-only home: no cache, still correct
            return module

    wasm_client.Module = CachedModule


# --------------------------------------------------------------------------------------------
# Types


def _simple(kind: str) -> Type:
    from zetasql.api.type_factory import TypeFactory
    from zetasql.types import TypeKind

    return TypeFactory.create_simple_type(getattr(TypeKind, kind))


def bigquery_type(name: str) -> Type:
    """A ZetaSQL type from a BigQuery scalar type name (as dbt-bigquery puts it in a load job)."""
    kind = BQ_TYPE_KINDS.get(name.strip().upper())
    if kind is None:
        raise ValueError(f"{name!r} is not a BigQuery column type")
    return _simple(kind)


def bigquery_kind(t: pa.DataType) -> str:
    """The BigQuery scalar type a load job gives an Arrow scalar type (Fivetran lands its
    timestamps, naive in the Parquet files, as TIMESTAMP)."""
    if pa.types.is_integer(t):
        return "INT64"
    if pa.types.is_floating(t):
        return "FLOAT64"
    if pa.types.is_boolean(t):
        return "BOOL"
    if pa.types.is_date(t):
        return "DATE"
    if pa.types.is_timestamp(t):
        return "TIMESTAMP"
    if pa.types.is_decimal(t):
        return "NUMERIC" if t.precision <= 38 else "BIGNUMERIC"
    if pa.types.is_binary(t) or pa.types.is_large_binary(t):
        return "BYTES"
    if pa.types.is_string(t) or pa.types.is_large_string(t) or pa.types.is_null(t):
        return "STRING"
    raise ValueError(f"no BigQuery type for Arrow type {t}")


SQL_TYPE_NAMES = {kind: name for name, kind in BQ_TYPE_KINDS.items() if name not in (
    "INTEGER", "FLOAT", "BOOLEAN")}  # fmt: skip


def bigquery_type_name(t: Type) -> str:
    """The BigQuery DDL spelling of a ZetaSQL type (ARRAY<STRUCT<key STRING, ...>> in full), as
    dbt-bigquery's column lookup reports a table's column."""
    if t.is_array():
        return f"ARRAY<{bigquery_type_name(t.as_array().element_type)}>"
    if t.is_struct():
        fields = ", ".join(
            f"{f.field_name} {bigquery_type_name(f.field_type)}" for f in t.as_struct().field
        )
        return f"STRUCT<{fields}>"
    from zetasql.types import TypeKind

    kind = TypeKind(t.type_kind).name
    if kind not in SQL_TYPE_NAMES:
        raise ValueError(f"no BigQuery type name for ZetaSQL type {kind}")
    return SQL_TYPE_NAMES[kind]


def arrow_type(t: pa.DataType) -> Type:
    """A ZetaSQL type from an Arrow type, as a BigQuery load of the Parquet file types it."""
    from zetasql.api.type_factory import TypeFactory

    if pa.types.is_list(t) or pa.types.is_large_list(t):
        return TypeFactory.create_array_type(arrow_type(t.value_type))
    if pa.types.is_struct(t):
        return TypeFactory.create_struct_type([(f.name, arrow_type(f.type)) for f in t])
    return bigquery_type(bigquery_kind(t))


# --------------------------------------------------------------------------------------------
# The catalog


@dataclass
class Table:
    columns: list[tuple[str, Type]]
    pseudo: list[tuple[str, Type]] = field(default_factory=list)


def relation_path(relation_name: str) -> tuple[str, ...]:
    """`p`.`d`.`t` -> (p, d, t)."""
    parts = BACKTICKED.findall(relation_name)
    if not parts:
        parts = relation_name.split(".")
    return tuple(parts)


def build_catalog(tables: dict[tuple[str, ...], Table]) -> Any:
    """A root catalog: project -> dataset -> table sub-catalogs, with BigQuery's functions."""
    from zetasql.types import (
        SimpleCatalog,
        SimpleColumn,
        SimpleTable,
        ZetaSQLBuiltinFunctionOptions,
    )

    root = SimpleCatalog(name="root")
    root.builtin_function_options = ZetaSQLBuiltinFunctionOptions(
        language_options=language_options()
    )
    root.named_type = [
        SimpleCatalog.NamedType(name=alias, type=_simple(kind))
        for alias, kind in BIGQUERY_TYPE_ALIASES.items()
    ]
    by_name: dict[tuple[str, ...], Any] = {(): root}

    def sub(path: tuple[str, ...]) -> Any:
        if path not in by_name:
            parent = sub(path[:-1])
            cat = SimpleCatalog(name=path[-1])
            parent.catalog.append(cat)
            by_name[path] = cat
        return by_name[path]

    for path, table in tables.items():
        cols = [SimpleColumn(name=n, type=t) for n, t in table.columns]
        cols += [SimpleColumn(name=n, type=t, is_pseudo_column=True) for n, t in table.pseudo]
        sub(path[:-1]).table.append(SimpleTable(name=path[-1], column=cols))
    return root


_LANGUAGE: Any = None


def language_options() -> Any:
    global _LANGUAGE
    if _LANGUAGE is None:
        from zetasql.types import LanguageOptions

        _LANGUAGE = LanguageOptions.maximum_features()
    return _LANGUAGE


def ga4_tables(project: str, dataset: str) -> dict[tuple[str, ...], Table]:
    suffix = [("_TABLE_SUFFIX", _simple("TYPE_STRING"))]
    newest = ga4_schema.export_schema(ga4_schema.CHANNEL_GROUP_SINCE)
    intraday = ga4_schema.export_schema(
        ga4_schema.CHANNEL_GROUP_SINCE, ga4_schema.ShardKind.INTRADAY
    )
    return {
        (project, dataset, "events_2*"): Table(
            [(f.name, arrow_type(f.type)) for f in newest], suffix
        ),
        (project, dataset, "events_intraday_*"): Table(
            [(f.name, arrow_type(f.type)) for f in intraday], suffix
        ),
    }


def parquet_table(path: Path) -> Table:
    return Table([(f.name, arrow_type(f.type)) for f in pq.read_schema(path)])


def declared_table(source: dict[str, Any]) -> Table | None:
    """The columns a source declares with a `data_type` on every one of them (a table SAM writes
    itself, such as the export ledger, which no connector lands in the data directory); None when
    any column has no declared type."""
    columns = list(source.get("columns", {}).values())
    if not columns or any(not c.get("data_type") for c in columns):
        return None
    return Table([(c["name"], bigquery_type(c["data_type"])) for c in columns])


def seed_table(path: Path, column_types: dict[str, str]) -> Table:
    """The columns dbt-bigquery's seed load job gives the CSV."""
    from dbt.adapters.bigquery.impl import BigQueryAdapter
    from dbt_common.clients.agate_helper import from_csv

    agate_table = from_csv(str(path), text_columns=list(column_types), delimiter=",")
    columns = []
    for idx, name in enumerate(agate_table.column_names):
        bq = column_types.get(name) or BigQueryAdapter.convert_agate_type(agate_table, idx)
        columns.append((name, bigquery_type(str(bq))))
    return Table(columns)


# --------------------------------------------------------------------------------------------
# Analysis


@dataclass
class Node:
    unique_id: str
    resource_type: str
    relation: tuple[str, ...] | None
    materialized: str
    depends_on: list[str]
    compiled: Path | None


def load_nodes(target_dir: Path) -> tuple[dict[str, Node], dict[str, Any]]:
    manifest = json.loads((target_dir / "manifest.json").read_text())
    nodes: dict[str, Node] = {}
    for uid, n in manifest["nodes"].items():
        if n["resource_type"] not in ("model", "test", "seed"):
            continue
        compiled = _find_compiled(target_dir, n)
        nodes[uid] = Node(
            uid,
            n["resource_type"],
            relation_path(n["relation_name"]) if n.get("relation_name") else None,
            n["config"].get("materialized", ""),
            n.get("depends_on", {}).get("nodes", []),
            compiled,
        )
    return nodes, manifest


def _find_compiled(target_dir: Path, n: dict[str, Any]) -> Path | None:
    """The compiled file of a node (dbt writes an absolute path when --target-path is)."""
    if not n.get("compiled_path"):
        return None
    path = Path(n["compiled_path"])
    for candidate in (path, REPO_ROOT / path, target_dir.parent / path):
        if candidate.is_file():
            return candidate
    return None


def dag_order(nodes: dict[str, Node]) -> list[str]:
    order: list[str] = []
    seen: set[str] = set()

    def visit(uid: str) -> None:
        if uid in seen:
            return
        seen.add(uid)
        for dep in nodes[uid].depends_on if uid in nodes else []:
            visit(dep)
        order.append(uid)

    for uid in sorted(nodes):
        visit(uid)
    return [uid for uid in order if uid in nodes]


class Gate:
    """Analyses compiled nodes with a catalog that grows as models are resolved."""

    def __init__(self, data_dir: Path) -> None:
        _install_module_cache()
        from zetasql.api import Analyzer
        from zetasql.types import AnalyzerOptions, ErrorMessageMode

        self._analyzer_cls = Analyzer
        self._options = AnalyzerOptions(
            language_options=language_options(),
            error_message_mode=ErrorMessageMode.ERROR_MESSAGE_MULTI_LINE_WITH_CARET,
        )
        self.data_dir = data_dir
        self.tables: dict[tuple[str, ...], Table] = {}
        self.failed: set[tuple[str, ...]] = set()

    # -- catalog entries for sources and seeds
    def add_sources(self, manifest: dict[str, Any], needed: set[str]) -> list[str]:
        """Catalog entries for the sources in `needed` (unique ids) and every seed."""
        problems = []
        for uid, src in manifest["sources"].items():
            path = relation_path(src["relation_name"])
            if path in self.tables or uid not in needed:
                continue
            if src["source_name"] == "ga4":
                self.tables.update(ga4_tables(path[0], path[1]))
                continue
            parquet = self.data_dir / src["source_name"] / f"{src['name']}.parquet"
            declared = declared_table(src)
            if parquet.exists():
                self.tables[path] = parquet_table(parquet)
            elif declared is not None:
                self.tables[path] = declared
            else:
                problems.append(
                    f"source {src['source_name']}.{src['name']}: no {parquet} (the gate types "
                    "Fivetran tables from the data directory's Parquet: `make demo-data` or "
                    "SAM_DATA_DIR)"
                )
        for n in manifest["nodes"].values():
            if n["resource_type"] == "seed":
                path = relation_path(n["relation_name"])
                csv = REPO_ROOT / n["original_file_path"]
                self.tables[path] = seed_table(csv, dict(n["config"].get("column_types") or {}))
        return problems

    def analyze(self, sql: str, deps: Iterable[tuple[str, ...]]) -> tuple[Any, str | None]:
        """(resolved statement or None, error message or None)."""
        catalog = build_catalog({p: self.tables[p] for p in deps if p in self.tables})
        analyzer = self._analyzer_cls(self._options, catalog)
        try:
            return analyzer.analyze_statement(sql), None
        except Exception as err:  # ZetaSQL's errors are the finding
            # raw_error carries the location ([at line:col]) and the caret; str() does not.
            message = str(getattr(err, "message", "") or err).strip().splitlines()[0]
            where = LOCATION.search(str(getattr(err, "raw_error", "") or err))
            if where and where.group(0) not in message:
                message += f" {where.group(0)}"
            return None, message

    def column_types(self) -> dict[str, list[list[str]]]:
        """Every catalog relation's columns with their BigQuery types, keyed
        "project.dataset.table" (what sam.bq_offline_dbt answers dbt's column lookup with)."""
        return {
            ".".join(path): [[name, bigquery_type_name(t)] for name, t in table.columns]
            for path, table in self.tables.items()
        }

    def record_output(self, relation: tuple[str, ...], stmt: Any) -> None:
        cols = [(c.name, c.column.type) for c in stmt.output_column_list]
        self.tables[relation] = Table(cols)


def _expand(uid: str, nodes: dict[str, Node]) -> Iterator[str]:
    """The relations a node's compiled SQL names: its dependencies, through ephemeral models."""
    for dep in nodes[uid].depends_on if uid in nodes else []:
        node = nodes.get(dep)
        if node is not None and node.materialized == "ephemeral":
            yield from _expand(dep, nodes)
        else:
            yield dep


def _finding(path: Path, message: str, label: str) -> Finding:
    m = LOCATION.search(message)
    line = int(m.group(1)) if m else 1
    first = message.splitlines()[0] if message else "analysis failed"
    return Finding(path, line, f"[{label}] GoogleSQL: {first}")


def _rel(path: Path) -> Path:
    try:
        return path.relative_to(REPO_ROOT)
    except ValueError:
        return path


@dataclass
class GateResult:
    """What the gate did: statements analysed, nodes left out because a model they read failed
    (its error is the finding), and the findings."""

    analyzed: int = 0
    skipped: list[str] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


def analyze_target(
    gate: Gate,
    target_dir: Path,
    label: str,
    result: GateResult,
    incremental_only: bool = False,
) -> None:
    """Analyse the compiled models of one `dbt compile` target folder in DAG order (recording
    each model's output schema in the catalog), then its tests.
    `incremental_only`: the compile that answered is_incremental() true: only the incremental
    models (their other branch), which read `{{ this }}`, their own recorded schema."""
    nodes, manifest = load_nodes(target_dir)
    source_paths = {
        uid: relation_path(s["relation_name"]) for uid, s in manifest["sources"].items()
    }
    needed = {d for uid, n in nodes.items() if n.compiled for d in _expand(uid, nodes)}
    result.findings += [Finding(Path("catalog"), 1, p) for p in gate.add_sources(manifest, needed)]

    def deps_of(uid: str) -> list[tuple[str, ...]]:
        paths = []
        for dep in _expand(uid, nodes):
            if dep in source_paths:
                paths.append(source_paths[dep])
            elif dep in nodes and nodes[dep].relation:
                paths.append(nodes[dep].relation)  # type: ignore[arg-type]
        node = nodes[uid]
        if incremental_only and node.relation:
            paths.append(node.relation)
        return paths

    order = dag_order(nodes)
    for kind in ("model", "test"):
        for uid in order:
            node = nodes[uid]
            if node.resource_type != kind or node.compiled is None:
                continue
            if incremental_only and (kind == "test" or node.materialized != "incremental"):
                continue
            sql = node.compiled.read_text()
            if not sql.strip():
                continue
            deps = deps_of(uid)
            failed = [".".join(p) for p in deps if p in gate.failed]
            if failed:
                result.skipped.append(f"{uid} (reads {', '.join(failed)})")
                if node.relation:
                    gate.failed.add(node.relation)
                continue
            stmt, error = gate.analyze(sql, deps)
            result.analyzed += 1
            if error:
                result.findings.append(_finding(_rel(node.compiled), error, label))
                if node.relation:
                    gate.failed.add(node.relation)
            elif kind == "model" and node.relation and node.materialized != "ephemeral":
                gate.record_output(node.relation, stmt)


def run_gate(folders: list[tuple[Path, str, bool]], data_dir: Path) -> GateResult:
    """Analyse the compiled folders in order: (dbt target folder, label, incremental_only)."""
    gate = Gate(data_dir)
    result = GateResult()
    for target_dir, label, incremental_only in folders:
        analyze_target(gate, target_dir, label, result, incremental_only)
    return result


def unit_test_query(statements: list[str]) -> str | None:
    """The query a unit test runs (its actual rows beside its expected rows), from the statements
    sam.bq_offline_dbt recorded for it."""
    for sql in reversed(statements):
        if "actual_or_expected" in sql:
            return sql
    return None


def analyze_unit_tests(gate: Gate, statements_file: Path, label: str, result: GateResult) -> None:
    """Analyse the query of every unit test sam.bq_offline_dbt recorded (fixtures inlined as CTEs;
    an incremental model's `{{ this }}` is its own catalog entry). Each query is written beside
    the statements file (<unit test>.sql) so that a finding names a file and line."""
    recorded: dict[str, Any] = json.loads(statements_file.read_text())
    out_dir = statements_file.parent / "sql"
    out_dir.mkdir(parents=True, exist_ok=True)
    everything = list(gate.tables)
    for uid in sorted(recorded):
        name = uid.split(".")[-1]
        path = out_dir / f"{name}.sql"
        sql = unit_test_query(recorded[uid]["sql"])
        if sql is None:
            result.findings.append(
                Finding(_rel(path), 1, f"[{label}] {uid}: dbt sent no unit-test query")
            )
            continue
        path.write_text(sql)
        _, error = gate.analyze(sql, everything)
        result.analyzed += 1
        if error:
            result.findings.append(_finding(_rel(path), error, label))
