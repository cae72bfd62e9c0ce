"""The test suite's warm dbt (sam.dbt_forkserver, started by tests/conftest.py): a command sent to
it behaves as the same command started as its own `dbt` process - exit code, output, and the
caller's environment (data directory, DuckDB path) and arguments, nothing of the server's own."""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from sam import dbt_forkserver
from sam.project import REPO_ROOT, dbt_env, dbt_executable


@pytest.fixture(scope="module")
def server(warm_dbt: str | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The session's server, else (SAM_TEST_FORKSERVER=0) one of this module's own."""
    if warm_dbt:
        yield warm_dbt
        return
    scratch = tmp_path_factory.mktemp("own-forkserver")
    process = dbt_forkserver.start(scratch / "dbt.sock", scratch)
    try:
        yield str(scratch / "dbt.sock")
    finally:
        process.terminate()
        process.wait(timeout=60)


def both(
    server: str, args: list[str], env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], subprocess.CompletedProcess[str]]:
    cmd = [dbt_executable(), *args, "--project-dir", str(REPO_ROOT)]
    served = dbt_forkserver.run(server, cmd, REPO_ROOT, dbt_env(env), capture=True)
    assert served is not None, "the server did not answer"
    direct = subprocess.run(
        cmd, cwd=REPO_ROOT, env=dbt_env(env), text=True, capture_output=True, check=False
    )
    return served, direct


def test_a_failing_command_fails_the_same_way(server: str) -> None:
    # click rejects the --vars before dbt starts: exit code 2 and its usage text on stderr.
    served, direct = both(server, ["build", "--vars", "{not: [yaml"], {})
    assert (served.returncode, direct.returncode) == (2, 2)
    assert served.stderr == direct.stderr
    assert "Usage: dbt build [OPTIONS]" in served.stderr
    assert "is not valid YAML" in served.stderr


def test_the_callers_environment_and_arguments_reach_dbt(server: str, tmp_path: Path) -> None:
    """A seed with this test's data directory and DuckDB file (not the server's warm-up ones):
    the sources read the data directory, the nodes live in the database named after the file,
    and the database is whole once the command has answered (DuckDB checkpointed it on exit, as
    a dbt process does): a copy of the file alone holds the seed's rows."""
    data = tmp_path / "probe-data"
    database = tmp_path / "probe_db.duckdb"
    env = {"SAM_DATA_DIR": str(data), "SAM_DUCKDB_PATH": str(database)}
    target = tmp_path / "target"
    args = ["seed", "--select", "ga4_source_categories", "--target-path", str(target)]
    args += ["--log-path", str(tmp_path / "logs"), "--vars", "{sam_crm: salesforce}"]
    served = dbt_forkserver.run(
        server,
        [dbt_executable(), *args, "--project-dir", str(REPO_ROOT)],
        REPO_ROOT,
        dbt_env(env),
        capture=True,
    )
    assert served is not None and served.returncode == 0, served and served.stdout[-3000:]
    manifest = json.loads((target / "manifest.json").read_text())
    ga4 = manifest["sources"]["source.sam.ga4.events"]
    assert f"'{data}/ga4/events_2*.parquet'" in ga4["config"]["meta"]["external_location"]
    assert manifest["nodes"]["model.sam.fct_sessions"]["database"] == "probe_db"
    # --vars: the Salesforce models are enabled, the HubSpot ones not.
    assert "model.sam.stg_salesforce__opportunities" in manifest["nodes"]
    assert "model.sam.stg_hubspot__deals" not in manifest["nodes"]
    # The caller's process environment is untouched.
    assert os.environ.get("SAM_DATA_DIR") != str(data)
    # The database file alone (no write-ahead log left) holds every row of the seed's CSV.
    assert not database.with_name(database.name + ".wal").exists()
    copy = tmp_path / "copy" / "probe_db.duckdb"
    copy.parent.mkdir()
    shutil.copyfile(database, copy)
    with (REPO_ROOT / "seeds" / "ga4_source_categories.csv").open(newline="") as f:
        rows = sum(1 for _ in csv.DictReader(f))
    con = duckdb.connect(str(copy), read_only=True)
    try:
        found = con.execute("select count(*) from main.ga4_source_categories").fetchone()
    finally:
        con.close()
    assert found == (rows,) and rows > 0
