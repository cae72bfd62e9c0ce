"""Session-wide test set-up: a warm dbt (sam.dbt_forkserver) for every dbt command the tests run.

One server per pytest process (each xdist worker): it imports dbt and parses the project once,
then runs each dbt command the tests start through `sam.project.run_dbt` (DbtWorkspace, the `sam`
CLI started by a test, which inherits SAM_DBT_FORKSERVER) in a fork of itself. Every command still
parses the project itself; only the start-up and Python's caches are shared. SAM_TEST_FORKSERVER=0
runs every dbt command as its own process instead.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from sam import dbt_forkserver


@pytest.fixture(scope="session", autouse=True)
def warm_dbt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str | None]:
    """The server's socket path (None when switched off)."""
    if os.environ.get("SAM_TEST_FORKSERVER") == "0" or os.environ.get(dbt_forkserver.ENV_SOCKET):
        yield os.environ.get(dbt_forkserver.ENV_SOCKET)
        return
    scratch = tmp_path_factory.mktemp("dbt-forkserver")
    # A Unix socket's path must stay under ~100 characters: a short folder of its own.
    folder = Path(tempfile.mkdtemp(prefix="sam-dbt-"))
    socket_path = folder / "dbt.sock"
    process = dbt_forkserver.start(socket_path, scratch)
    os.environ[dbt_forkserver.ENV_SOCKET] = str(socket_path)
    try:
        yield str(socket_path)
    finally:
        os.environ.pop(dbt_forkserver.ENV_SOCKET, None)
        process.terminate()
        process.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
