"""Offline BigQuery check: compile the project for the `bigquery` target without a warehouse,
then parse every compiled model and test as BigQuery SQL and scan it for DuckDB-only syntax.

There is no BigQuery here, so this is how SAM knows its SQL is ready for the engine users run:
- `dbt compile -t bigquery` works offline with a throwaway service-account key (a freshly generated
  RSA key; its token endpoint points at a closed local port, so nothing ever leaves the machine),
  `--no-populate-cache`, and the project's `is_incremental()` override answered by a var — both
  answers are compiled, so incremental branches are checked too.
- `sqlglot` parses the compiled SQL as BigQuery: catches syntax BigQuery rejects.
- sqlglot accepts some DuckDB-isms (`::` casts, DuckDB-only functions), so a token scan lists them.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import sqlglot
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlglot.errors import ParseError
from sqlglot.tokenizer_core import Token, TokenType

from sam.project import REPO_ROOT, data_dir, dbt_env, run_dbt

WORK_DIR = REPO_ROOT / "target" / "bq_offline"

# Google's client libraries must never probe the GCE metadata server or the token endpoint.
OFFLINE_ENV = {
    "NO_GCE_CHECK": "true",
    "GCE_METADATA_HOST": "127.0.0.1:9",
    "GCE_METADATA_IP": "127.0.0.1:9",
    "SAM_BQ_METHOD": "service-account",
    "SAM_BQ_PROJECT": "sam-offline-check",
    "SAM_BQ_DATASET": "sam",
}

# Functions DuckDB has and BigQuery does not (each has a BigQuery spelling in macros/cross_db/).
DUCKDB_ONLY_FUNCTIONS = frozenset(
    {
        "read_parquet", "read_csv", "read_csv_auto", "read_json", "read_json_auto", "parquet_scan",
        "try_cast", "strptime", "strftime", "make_timestamp", "make_date", "epoch_ms", "epoch_us",
        "epoch", "to_timestamp", "regexp_matches", "regexp_full_match", "list_transform",
        "list_filter", "list_extract", "list_value", "list_aggregate", "list_contains",
        "list_sort", "array_transform", "array_filter", "struct_pack", "string_split", "str_split",
        "datediff", "date_diff_duckdb", "date_part", "len", "printf", "hash", "parse_filename",
        "columns", "unnest_list", "epoch_ns", "list",
    }
)  # fmt: skip
DUCKDB_ONLY_KEYWORDS = frozenset({"ilike", "exclude", "lambda"})


@dataclass(frozen=True)
class Finding:
    """One problem in one compiled file."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def write_dummy_keyfile(path: Path) -> Path:
    """A syntactically valid service-account key that can authenticate nowhere."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        json.dumps(
            {
                "type": "service_account",
                "project_id": OFFLINE_ENV["SAM_BQ_PROJECT"],
                "private_key_id": "offline",
                "private_key": pem,
                "client_email": "offline@sam-offline-check.iam.gserviceaccount.com",
                "client_id": "0",
                "token_uri": "http://127.0.0.1:9/token",
            }
        )
    )
    return path


# The models of the CRM that is not the default (sam_crm = hubspot) are disabled in the default
# compile; they get a compile of their own with sam_crm switched.
OTHER_CRM_VARS: dict[str, object] = {"sam_crm": "salesforce"}
OTHER_CRM_SELECT = (
    "path:models/staging/salesforce path:models/intermediate/crm path:models/marts/crm "
    "path:tests/crm"
)


def compile_for_bigquery(
    incremental: bool,
    select: str | None = None,
    extra_vars: dict[str, object] | None = None,
    name: str | None = None,
) -> Path:
    """`dbt compile -t bigquery` offline; returns the folder of compiled SQL (raises on failure).
    The manifest (with each node's BigQuery config) is in the folder's parent. `name` names the
    work folder (default: by the is_incremental() answer)."""
    target_path = WORK_DIR / (name or ("incremental" if incremental else "full_refresh"))
    shutil.rmtree(target_path, ignore_errors=True)
    keyfile = write_dummy_keyfile(WORK_DIR / "offline-keyfile.json")
    args = [
        "compile",
        "--target", "bigquery",
        "--target-path", str(target_path),
        "--no-populate-cache",
        "--vars", json.dumps({"sam_offline_is_incremental": incremental, **(extra_vars or {})}),
        # Unit tests query the warehouse at compile time; they run on DuckDB instead.
        "--exclude", "resource_type:unit_test",
        "--quiet",
    ]  # fmt: skip
    if select:
        args += ["--select", select]
    result = run_dbt(args, env={**OFFLINE_ENV, "SAM_BQ_KEYFILE": str(keyfile)}, capture=True)
    if result.returncode != 0:
        raise RuntimeError(
            "dbt compile for BigQuery failed offline:\n" + (result.stdout + result.stderr)[-4000:]
        )
    return target_path / "compiled"


# The unit tests recorded for the GoogleSQL gate after a compiled folder's models are analysed
# (their fixtures are typed from the catalog): folder label -> (selection, vars, work folder).
UNIT_TEST_RUNS: dict[str, tuple[str, dict[str, object], str]] = {
    "incremental": ("test_type:unit", {}, "unit_tests"),
    "salesforce": (
        " ".join(f"test_type:unit,{p}" for p in OTHER_CRM_SELECT.split()),
        OTHER_CRM_VARS,
        "unit_tests_salesforce",
    ),
}


def record_unit_tests(
    columns: dict[str, list[list[str]]],
    select: str,
    extra_vars: dict[str, object],
    name: str,
) -> tuple[Path, list[Finding]]:
    """`dbt test` of the selected unit tests for BigQuery, offline (sam.bq_offline_dbt): each
    fixture rendered with the catalog's BigQuery column types, each query recorded, nothing run.
    Returns the recorded statements' file and the unit tests dbt could not build (findings)."""
    target_path = WORK_DIR / name
    shutil.rmtree(target_path, ignore_errors=True)
    target_path.mkdir(parents=True)
    columns_file = target_path / "columns.json"
    columns_file.write_text(json.dumps(columns))
    statements = target_path / "statements.json"
    keyfile = write_dummy_keyfile(WORK_DIR / "offline-keyfile.json")
    args = [
        sys.executable, "-m", "sam.bq_offline_dbt", str(columns_file), str(statements),
        "test",
        "--target", "bigquery",
        "--target-path", str(target_path),
        "--no-populate-cache",
        "--vars", json.dumps({"sam_offline_is_incremental": False, **extra_vars}),
        "--select", select,
        "--quiet",
        "--project-dir", str(REPO_ROOT),
    ]  # fmt: skip
    result = subprocess.run(
        args,
        cwd=REPO_ROOT,
        env=dbt_env({**OFFLINE_ENV, "SAM_BQ_KEYFILE": str(keyfile)}),
        text=True,
        capture_output=True,
        check=False,
    )
    results = target_path / "run_results.json"
    if not statements.exists() or not results.exists():
        raise RuntimeError(
            "dbt test of the unit tests for BigQuery failed offline:\n"
            + (result.stdout + result.stderr)[-4000:]
        )
    findings = [
        Finding(
            Path(name),
            1,
            f"[{name}] {r['unique_id']}: "
            + " ".join((r.get("message") or "dbt could not build it").split())[:400],
        )
        for r in json.loads(results.read_text())["results"]
        if r["status"] not in ("pass", "success")
    ]
    return statements, findings


def _line_of(sql: str, token: Token) -> int:
    return sql.count("\n", 0, token.start) + 1


def scan_sql(sql: str, path: Path) -> list[Finding]:
    """Parse `sql` as BigQuery and list DuckDB-only syntax in it."""
    findings: list[Finding] = []
    try:
        sqlglot.parse(sql, read="bigquery")
    except ParseError as err:
        first = err.errors[0] if err.errors else {}
        line = int(first.get("line") or 1)
        desc = str(first.get("description") or err).splitlines()[0]
        findings.append(Finding(path, line, f"does not parse as BigQuery SQL: {desc}"))
        return findings
    tokens = sqlglot.Dialect.get_or_raise("bigquery").tokenize(sql)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        text = tok.text.lower()
        if tok.token_type == TokenType.DCOLON:
            findings.append(Finding(path, _line_of(sql, tok), "`::` cast: write cast(x as T)"))
        elif tok.token_type == TokenType.ARROW:
            findings.append(Finding(path, _line_of(sql, tok), "`->` lambda is DuckDB-only"))
        elif tok.token_type == TokenType.L_BRACE:
            findings.append(
                Finding(path, _line_of(sql, tok), "`{...}` struct literal: write struct(...)")
            )
        elif tok.token_type == TokenType.STRING and sql[tok.start] == '"':
            findings.append(
                Finding(
                    path,
                    _line_of(sql, tok),
                    f'"{tok.text}" is a string in BigQuery but an identifier in DuckDB: '
                    "quote strings with ' and let dbt quote identifiers",
                )
            )
        elif (
            nxt is not None
            and nxt.token_type == TokenType.L_PAREN
            and text in DUCKDB_ONLY_FUNCTIONS
            and tok.token_type not in (TokenType.STRING, TokenType.IDENTIFIER)
        ):
            findings.append(
                Finding(path, _line_of(sql, tok), f"{text}() is DuckDB-only: use a cross_db macro")
            )
        elif text in DUCKDB_ONLY_KEYWORDS and tok.token_type not in (
            TokenType.STRING,
            TokenType.IDENTIFIER,
        ):
            findings.append(Finding(path, _line_of(sql, tok), f"`{text}` is DuckDB-only syntax"))
    return findings


def check_compiled(compiled_dir: Path) -> tuple[int, list[Finding]]:
    """Scan every compiled .sql file below `compiled_dir`; returns (files read, findings)."""
    files = sorted(compiled_dir.rglob("*.sql"))
    findings: list[Finding] = []
    for path in files:
        findings.extend(scan_sql(path.read_text(), path.relative_to(compiled_dir)))
    return len(files), findings


@dataclass
class Report:
    """What `sam bq-check` found: compiled files parsed, GoogleSQL statements analysed (None when
    the semantic gate did not run), nodes the gate left out because a model they read failed."""

    files: int
    findings: list[Finding]
    analyzed: int | None = None
    skipped: list[str] = field(default_factory=list)
    unit_tests: int = 0


def run(select: str | None = None, semantic: bool | None = None) -> Report:
    """Compile both is_incremental() answers for BigQuery and check every compiled file; without
    a selection, also the Salesforce CRM models (disabled under the default sam_crm).
    `semantic` (default: when nothing is selected, as the catalog needs every upstream model):
    also analyse every compiled model and test with GoogleSQL (sam.zetasql_check), then, for the
    whole project, the query of every unit test of both CRMs (recorded offline, UNIT_TEST_RUNS)."""
    semantic = select is None if semantic is None else semantic
    total = 0
    findings: list[Finding] = []
    folders: list[tuple[Path, str, bool]] = []
    for incremental in (False, True):
        compiled = compile_for_bigquery(incremental, select)
        n, found = check_compiled(compiled)
        total += n
        label = "incremental" if incremental else "full"
        findings.extend(Finding(f.path, f.line, f"[{label}] {f.message}") for f in found)
        folders.append((compiled.parent, label, incremental))
    if select is None:
        compiled = compile_for_bigquery(False, OTHER_CRM_SELECT, OTHER_CRM_VARS, "salesforce")
        n, found = check_compiled(compiled)
        total += n
        findings.extend(Finding(f.path, f.line, f"[salesforce] {f.message}") for f in found)
        folders.append((compiled.parent, "salesforce", False))
    report = Report(total, findings)
    if semantic:
        from sam import zetasql_check

        gate = zetasql_check.Gate(data_dir())
        result = zetasql_check.GateResult()
        for target_dir, label, incremental_only in folders:
            zetasql_check.analyze_target(gate, target_dir, label, result, incremental_only)
            unit = UNIT_TEST_RUNS.get(label) if select is None else None
            if unit is not None:
                before = result.analyzed
                statements, failed = record_unit_tests(gate.column_types(), *unit)
                result.findings += failed
                zetasql_check.analyze_unit_tests(gate, statements, unit[2], result)
                report.unit_tests += result.analyzed - before
        report.analyzed = result.analyzed
        report.skipped = result.skipped
        report.findings.extend(result.findings)
    return report
