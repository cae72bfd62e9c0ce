"""SAM installed as a dbt package (packages.yml `local:`) in a host project builds the same
results as SAM built on its own (issue 19).

The host project is written here from scratch, the way a team would: its own profile and DuckDB
file, SAM's vars in ITS `vars:` block (no --vars), SAM's relations in their own schema
(`models: sam: +schema: sam`, README "Install as a dbt package"), and host models named like
SAM's (`dim_dates`, `fct_leads`) that must not leak into SAM. `dbt deps` of a local package
needs no network.

Compared with the standalone build of the same demo (SAM_TEST_BUILT_DUCKDB, the database
`make dbt-build` made; else one is built here): every table SAM materialises, its non-float
columns as a multiset (row count and the sum of
the rows' hashes) and every float column's sum to 1e-9 relative (DuckDB
sums floats in a thread-dependent order); and the channel scorecard row by row under every
attribution model.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import duckdb
import pytest
import yaml

from sam.dbt_runner import vars_for_data_dir
from sam.project import dbt_env, dbt_executable, run_dbt

ROOT = Path(__file__).parent.parent
DEMO = (ROOT / "data" / "demo").resolve()
SAM_SCHEMA = "main_sam"  # the host's target schema `main` + SAM's custom schema `sam`
FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")

# Host models named like SAM's: a host's `ref('dim_dates')` is its own, SAM's refs stay SAM's.
HOST_MODELS = {
    "dim_dates.sql": "select cast('2000-01-01' as date) as date_day",
    "fct_leads.sql": "select 1 as lead_id, 'not a SAM lead' as note",
    # A host model reading SAM's mart: the two-argument ref a host uses.
    "host_channel_roi.sql": (
        "select channel, attribution_model, roi from {{ ref('sam', 'rpt_channel_scorecard') }}"
    ),
}


HOST_MODELS_BUILT = ("dim_dates", "fct_leads", "host_channel_roi")


def write_host(
    directory: Path, database: Path, sam_vars: Mapping[str, Any], *, ref_flag: bool
) -> Path:
    """A host dbt project with SAM as a local package; returns its directory."""
    (directory / "models").mkdir(parents=True, exist_ok=True)
    project: dict[str, Any] = {
        "name": "host",
        "version": "1.0.0",
        "config-version": 2,
        "profile": "host",
        "flags": {"send_anonymous_usage_stats": False},
        "vars": dict(sam_vars),
        "models": {"sam": {"+schema": "sam"}},
        "seeds": {"sam": {"+schema": "sam"}},
    }
    if ref_flag:
        # dbt's own fix for one-argument refs inside packages (README recommends it); SAM's
        # models do not need it (macros/ref.sql), dbt's generic tests on a same-named model do.
        project["flags"]["require_ref_searches_node_package_before_root"] = True
    (directory / "dbt_project.yml").write_text(yaml.safe_dump(project, sort_keys=False))
    (directory / "packages.yml").write_text(
        yaml.safe_dump({"packages": [{"local": str(ROOT.resolve())}]})
    )
    profile = {
        "host": {
            "target": "dev",
            "outputs": {"dev": {"type": "duckdb", "path": str(database), "threads": 2}},
        }
    }
    (directory / "profiles.yml").write_text(yaml.safe_dump(profile))
    for name, sql in HOST_MODELS.items():
        (directory / "models" / name).write_text(sql + "\n")
    return directory


def host_dbt(directory: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = dbt_env({"DBT_PROFILES_DIR": str(directory)})
    result = subprocess.run(
        [dbt_executable(), *args, "--project-dir", str(directory)],
        cwd=directory,
        env=env,
        text=True,
        capture_output=True,
        check=False,
    )
    assert result.returncode == 0, f"host: dbt {' '.join(args)} failed:\n{result.stdout[-6000:]}"
    return result


def _demo_is_shipped() -> bool:
    manifest = DEMO / "manifest.json"
    if not manifest.is_file():
        return False
    declared = json.loads(manifest.read_text())
    return bool(declared.get("seed") == 42 and declared.get("scale") == 1.0)


@pytest.fixture(scope="module")
def standalone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The standalone build's database (made by `make dbt-build`, else built here)."""
    if not _demo_is_shipped():
        pytest.skip("data/demo is not the shipped demo (make demo-data writes it)")
    built = os.environ.get("SAM_TEST_BUILT_DUCKDB")
    if built and Path(built).is_file():
        return Path(built)
    work = tmp_path_factory.mktemp("standalone")
    database = work / "sam.duckdb"
    result = run_dbt(
        [
            "build",
            "--exclude-resource-type",
            "test",
            "--exclude-resource-type",
            "unit_test",
            "--target-path",
            str(work / "target"),
            "--log-path",
            str(work / "logs"),
            "--vars",
            json.dumps(vars_for_data_dir(DEMO)),
        ],
        env={"SAM_DUCKDB_PATH": str(database), "SAM_DATA_DIR": str(DEMO)},
        capture=True,
    )
    assert result.returncode == 0, result.stdout[-6000:]
    return database


@pytest.fixture(scope="module")
def host(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The host project, built whole (`dbt deps` then `dbt build`: SAM's models, seeds, data
    tests and unit tests run inside the host); returns its database."""
    if not _demo_is_shipped():
        pytest.skip("data/demo is not the shipped demo (make demo-data writes it)")
    work = tmp_path_factory.mktemp("host")
    database = work / "host.duckdb"
    directory = write_host(work / "project", database, vars_for_data_dir(DEMO), ref_flag=True)
    deps = host_dbt(directory, "deps")
    assert (directory / "dbt_packages" / "sam" / "dbt_project.yml").is_file(), deps.stdout
    host_dbt(directory, "build")
    return database


def _tables(
    con: duckdb.DuckDBPyConnection,
    catalog: str,
    schema: str,
    kinds: tuple[str, ...] = ("BASE TABLE",),
) -> set[str]:
    rows = con.execute(
        "select table_name, table_type from information_schema.tables "
        "where table_catalog = ? and table_schema = ?",
        [catalog, schema],
    ).fetchall()
    return {name for name, kind in rows if kind in kinds}


def test_host_build_equals_standalone(host: Path, standalone: Path) -> None:
    con = duckdb.connect(str(host), read_only=True)
    con.execute("set enable_progress_bar = false")
    con.execute(f"attach '{standalone}' as standalone (read_only)")
    host_tables = _tables(con, "host", SAM_SCHEMA)
    alone = _tables(con, "standalone", "main")
    # Every relation of SAM lands in the host's SAM schema, none in the host's own.
    assert "rpt_channel_scorecard" in host_tables and "fct_attribution_credits" in host_tables
    assert _tables(con, "host", "main", ("BASE TABLE", "VIEW")) == set(HOST_MODELS_BUILT)
    missing = alone - host_tables - {"sam_export_ledger"}
    assert not missing, f"built standalone but not in the host: {sorted(missing)}"

    differences: list[str] = []
    for table in sorted(host_tables & alone):
        columns = con.execute(
            "select column_name, data_type from information_schema.columns "
            "where table_catalog = 'host' and table_schema = ? and table_name = ? "
            "order by ordinal_position",
            [SAM_SCHEMA, table],
        ).fetchall()
        floats = [name for name, kind in columns if kind in FLOAT_TYPES]
        exact = [f'"{name}"' for name, kind in columns if kind not in FLOAT_TYPES]
        mine, theirs = f"host.{SAM_SCHEMA}.{table}", f"standalone.main.{table}"
        # The non-float columns as a multiset: row count and the sum of the rows' hashes.
        rows = f"hash({', '.join(exact)})" if exact else "0"
        fingerprint = f"select count(*), sum(cast({rows} as hugeint)) from "
        a, b = (con.execute(fingerprint + rel).fetchone() for rel in (mine, theirs))
        if a != b:
            differences.append(f"{table}: (rows, hash sum) {a} in the host, {b} standalone")
        for name in floats:
            sums = con.execute(
                f'select (select sum("{name}") from {mine}), (select sum("{name}") from {theirs})'
            ).fetchone()
            assert sums is not None
            a, b = (float(v) if v is not None else None for v in sums)
            if a is None or b is None:
                if a != b:
                    differences.append(f"{table}.{name}: sum {a} vs {b}")
            elif not math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9):
                differences.append(f"{table}.{name}: sum {a!r} vs {b!r}")
        # The types are SAM's own (macros/cross_db/types.sql): 64-bit floats in the host too.
        if any(kind in ("FLOAT", "REAL") for _, kind in columns):
            differences.append(f"{table}: 32-bit float columns in the host build")
    assert not differences, "\n".join(differences)
    con.close()


def test_host_scorecard_per_model_equals_standalone(host: Path, standalone: Path) -> None:
    def rows(database: Path, schema: str) -> dict[tuple[str, str], dict[str, Any]]:
        con = duckdb.connect(str(database), read_only=True)
        cur = con.execute(f"select * from {schema}.rpt_channel_scorecard")
        names = [d[0] for d in cur.description]
        found = {}
        for row in cur.fetchall():
            record = dict(zip(names, row, strict=True))
            found[(record["attribution_model"], record["channel"])] = record
        con.close()
        return found

    mine, theirs = rows(host, SAM_SCHEMA), rows(standalone, "main")
    assert mine.keys() == theirs.keys()
    models = {model for model, _ in mine}
    assert len(models) == 10, models  # every rule-based and data-driven model
    for key, record in theirs.items():
        for column, value in record.items():
            other = mine[key][column]
            if isinstance(value, float) and isinstance(other, float):
                assert math.isclose(value, other, rel_tol=1e-9, abs_tol=1e-9), (key, column)
            else:
                assert value == other, (key, column, value, other)
    # The host reads SAM's mart through ref('sam', ...).
    con = duckdb.connect(str(host), read_only=True)
    count = con.execute("select count(*) from main.host_channel_roi").fetchone()
    con.close()
    assert count is not None and count[0] == len(mine)


def test_host_vars_switch_the_crm_and_refs_stay_in_sam(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """sam_crm set in the HOST's vars (not --vars) switches SAM's CRM models; without dbt's
    package-ref flag SAM's models still ref SAM's own dim_dates / fct_leads."""
    work = tmp_path_factory.mktemp("host_salesforce")
    sam_vars = {"sam_data_dir": str(DEMO), "sam_crm": "salesforce"}
    directory = write_host(work / "project", work / "host.duckdb", sam_vars, ref_flag=False)
    host_dbt(directory, "deps")
    host_dbt(directory, "parse")
    manifest = json.loads((directory / "target" / "manifest.json").read_text())
    models = {
        n["name"]
        for n in manifest["nodes"].values()
        if n["resource_type"] == "model" and n["package_name"] == "sam"
    }
    assert "stg_salesforce__leads" in models and "int_salesforce__people" in models
    assert not {m for m in models if "hubspot" in m}, "HubSpot models enabled under salesforce"
    leaks = {
        n["name"]: dep
        for n in manifest["nodes"].values()
        if n["package_name"] == "sam" and n["resource_type"] == "model"
        for dep in n["depends_on"]["nodes"]
        if dep.startswith("model.host.")
    }
    assert not leaks, f"SAM models reading host models: {leaks}"
    # fct_leads is read by SAM's marts: resolved to SAM's own.
    readers = [
        n["name"]
        for n in manifest["nodes"].values()
        if "model.sam.fct_leads" in n.get("depends_on", {}).get("nodes", [])
        and n["resource_type"] == "model"
    ]
    assert readers, "no SAM model reads SAM's fct_leads"


def test_with_dbts_package_ref_flag_no_sam_node_reads_a_host_model(host: Path) -> None:
    """In the host built above (flag require_ref_searches_node_package_before_root on), none of
    SAM's nodes - models, data tests (dbt's generated unique / not_null on dim_dates too), unit
    tests - depends on the host's same-named dim_dates / fct_leads."""
    manifest = json.loads((host.parent / "project" / "target" / "manifest.json").read_text())
    sam_nodes = [
        n
        for group in ("nodes", "unit_tests")
        for n in manifest[group].values()
        if n["package_name"] == "sam"
    ]
    assert len(sam_nodes) > 700
    leaks = {
        n["unique_id"]: dep
        for n in sam_nodes
        for dep in n.get("depends_on", {}).get("nodes", [])
        if dep.startswith("model.host.")
    }
    assert not leaks, leaks
    tests_on_sam_dates = [
        n["name"]
        for n in sam_nodes
        if n["resource_type"] == "test" and "model.sam.dim_dates" in n["depends_on"]["nodes"]
    ]
    assert len(tests_on_sam_dates) >= 2, tests_on_sam_dates
