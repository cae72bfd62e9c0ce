"""Where things are: the dbt project, the data directory, the DuckDB file, and dbt's environment."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from sam import dbt_forkserver

# The repository root: src/sam/project.py -> ../.. (the package is installed editable by uv).
REPO_ROOT = Path(__file__).resolve().parents[2]
PROFILES_DIR = REPO_ROOT / "profiles"


def data_dir() -> Path:
    """The input data directory: env SAM_DATA_DIR, else <repo>/data/demo (the demo's home)."""
    return Path(os.environ.get("SAM_DATA_DIR") or REPO_ROOT / "data" / "demo").resolve()


def duckdb_path() -> Path:
    """The DuckDB database file: env SAM_DUCKDB_PATH, else <repo>/data/sam.duckdb."""
    return Path(os.environ.get("SAM_DUCKDB_PATH") or REPO_ROOT / "data" / "sam.duckdb").resolve()


def dbt_env(extra: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment dbt runs with: hermetic (no version check, no usage stats), repo profile,
    absolute data dir and database so dbt works from any working directory."""
    env = dict(os.environ)
    env.update(
        DBT_PROFILES_DIR=str(PROFILES_DIR),
        DBT_SEND_ANONYMOUS_USAGE_STATS="false",
        DBT_VERSION_CHECK="false",
        SAM_DATA_DIR=str(data_dir()),
        SAM_DUCKDB_PATH=str(duckdb_path()),
    )
    if extra:
        env.update(extra)
    return env


def dbt_executable() -> str:
    """The dbt of this environment (next to the running interpreter), else the one on PATH."""
    here = Path(sys.executable).parent / "dbt"
    found = str(here) if here.exists() else shutil.which("dbt")
    if not found:
        raise FileNotFoundError("dbt is not installed in this environment (run `make install`)")
    return found


def run_dbt(
    args: Sequence[str], env: Mapping[str, str] | None = None, capture: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run `dbt <args>` on SAM's project; never raises on dbt's own failure (check returncode)."""
    cmd = [dbt_executable(), *args, "--project-dir", str(REPO_ROOT)]
    # DuckDB creates its database file but not the folder it lives in.
    duckdb_path().parent.mkdir(parents=True, exist_ok=True)
    # The test suite's warm dbt (sam.dbt_forkserver), when one is running.
    server = os.environ.get(dbt_forkserver.ENV_SOCKET)
    if server:
        done = dbt_forkserver.run(server, cmd, REPO_ROOT, dbt_env(env), capture)
        if done is not None:
            return done
    return subprocess.run(
        cmd,
        cwd=REPO_ROOT,
        env=dbt_env(env),
        text=True,
        capture_output=capture,
        check=False,
    )
