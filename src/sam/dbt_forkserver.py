"""A warm dbt for the test suite: one process imports dbt and parses SAM's project once, then runs
every dbt command it is sent in a fork of itself.

Why: most of a test's dbt time is start-up and parsing, and the parse cannot be shared between the
tests' workspaces (each renders its own data directory into the sources and its own DuckDB path
into the profile; dbt's partial parse is keyed on both, docs/DECISIONLOG.md). What can be shared
is the work that does not depend on them: importing dbt and the adapters, jsonschema's validators
and Jinja's compiled macro templates (dbt_common keys them by the macro's text). A fork inherits
all of it; each command still runs dbt's own CLI from scratch - its own flags, profile, parse
(full, or partial from its own target folder), invocation id and logs - so a model edited
meanwhile is parsed as it is now.

Only when SAM_DBT_FORKSERVER names the server's socket (tests/conftest.py starts one per pytest
process): `sam.project.run_dbt` then sends the command here instead of starting `dbt`; `sam`
commands started by a test inherit the variable. The child gets the caller's argv, working
directory, environment and output files (passed over the Unix socket), and the caller gets dbt's
exit code, as from a subprocess.

    python -m sam.dbt_forkserver <socket path> <scratch folder>
"""

from __future__ import annotations

import atexit
import gc
import json
import os
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path

ENV_SOCKET = "SAM_DBT_FORKSERVER"
_LENGTH = struct.Struct("!I")
_CODE = struct.Struct("!i")


def _recv_exactly(conn: socket.socket, size: int) -> bytes:
    data = b""
    while len(data) < size:
        chunk = conn.recv(size - len(data))
        if not chunk:
            raise ConnectionError("dbt fork server: connection closed mid-message")
        data += chunk
    return data


# --- client ------------------------------------------------------------------------------------


def run(
    socket_path: str, cmd: Sequence[str], cwd: Path, env: Mapping[str, str], capture: bool
) -> subprocess.CompletedProcess[str] | None:
    """`cmd` (a dbt command line) run by the server, like subprocess.run(cmd, cwd=, env=,
    text=True, capture_output=capture); None when no server answers at `socket_path` (the caller
    then starts dbt itself)."""
    conn = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        conn.connect(socket_path)
    except OSError:
        conn.close()
        return None
    with conn, tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        if capture:
            fds = [out.fileno(), err.fileno()]
        else:
            sys.stdout.flush()
            sys.stderr.flush()
            fds = [sys.stdout.fileno(), sys.stderr.fileno()]
        payload = json.dumps({"argv": list(cmd), "cwd": str(cwd), "env": dict(env)}).encode()
        socket.send_fds(conn, [_LENGTH.pack(len(payload))], fds)
        conn.sendall(payload)
        (code,) = _CODE.unpack(_recv_exactly(conn, _CODE.size))
        stdout = stderr = None
        if capture:
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode(errors="replace")
            stderr = err.read().decode(errors="replace")
    return subprocess.CompletedProcess(list(cmd), code, stdout, stderr)


def start(socket_path: Path, scratch: Path) -> subprocess.Popen[bytes]:
    """Start a server (it warms up in the background; a command sent meanwhile waits for it).
    Its own output goes to <scratch>/forkserver.log."""
    scratch.mkdir(parents=True, exist_ok=True)
    log = (scratch / "forkserver.log").open("ab")
    process = subprocess.Popen(
        [sys.executable, "-m", "sam.dbt_forkserver", str(socket_path), str(scratch)],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    log.close()
    deadline = time.monotonic() + 60
    while not socket_path.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"dbt fork server did not start: see {scratch / 'forkserver.log'}")
        time.sleep(0.05)
    return process


# --- server ------------------------------------------------------------------------------------


def _dbt_cli() -> int:
    """What the `dbt` script does (sys.exit(cli())), as an exit code."""
    from dbt.cli.main import cli

    try:
        cli.main(prog_name=Path(sys.argv[0]).name)  # click's usage lines name `dbt`, not us
    except SystemExit as done:
        code = done.code
        return code if isinstance(code, int) else (0 if code is None else 1)
    return 0


def _child(conn: socket.socket, listener: socket.socket) -> None:
    """In the fork: become the caller's dbt process, run the command, answer its exit code."""
    code = 1
    started = time.monotonic()
    log = os.dup(1)  # the server's log: one line per command, with its CPU seconds
    argv: list[str] = []
    try:
        listener.close()
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        message, fds, _, _ = socket.recv_fds(conn, _LENGTH.size, 2)
        (size,) = _LENGTH.unpack(message)
        request = json.loads(_recv_exactly(conn, size))
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.dup2(fds[0], 1)
        os.dup2(fds[1], 2)
        for fd in (devnull, *fds):
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        argv = sys.argv = list(request["argv"])
        code = _dbt_cli()
    except BaseException:  # noqa: BLE001 - the caller must get an answer whatever happened
        traceback.print_exc()
        code = 1
    finally:
        try:
            # What a dbt process does when it exits, before the caller hears of it: the exit
            # handlers (dbt-duckdb's lets go of the database) and the objects' finalizers. DuckDB
            # checkpoints its write-ahead log into the database file when the database closes; a
            # test that copies the file next must find every table in it.
            atexit._run_exitfuncs()
            gc.collect()
            sys.stdout.flush()
            sys.stderr.flush()
            conn.sendall(_CODE.pack(code))
            times = os.times()
            line = (
                f"exit {code}  cpu {times.user + times.system:5.1f} s  "
                f"wall {time.monotonic() - started:5.1f} s  {' '.join(argv[1:3])}\n"
            )
            os.write(log, line.encode())
        finally:
            os._exit(code)


def _warm_up(scratch: Path) -> None:
    """One `dbt parse` of the project in this process: imports and caches for every fork."""
    from dbt.cli.main import dbtRunner

    from sam.project import REPO_ROOT, dbt_env

    os.environ.update(dbt_env({"SAM_DUCKDB_PATH": str(scratch / "warm-up.duckdb")}))
    args = ["parse", "--quiet", "--project-dir", str(REPO_ROOT)]
    args += ["--target-path", str(scratch / "warm-up-target")]
    args += ["--log-path", str(scratch / "warm-up-logs")]
    result = dbtRunner().invoke(args)
    print(f"warm-up dbt parse: {'ok' if result.success else result.exception}", flush=True)
    os.chdir(REPO_ROOT)


def _reap(signum: int, frame: object) -> None:
    try:
        while os.waitpid(-1, os.WNOHANG)[0] > 0:
            pass
    except ChildProcessError:
        pass


def serve(socket_path: Path, scratch: Path) -> None:
    parent = os.getppid()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(str(socket_path))
    listener.listen(16)
    _warm_up(scratch)
    # A fork copies only the calling thread: dbt must have left none running.
    extra = [t.name for t in threading.enumerate() if t is not threading.current_thread()]
    if extra:
        print(f"threads alive after the warm-up (forks may hang): {extra}", flush=True)
    # Children are reaped (waited for, so their CPU time counts as ours, as a subprocess's does).
    signal.signal(signal.SIGCHLD, _reap)
    listener.settimeout(2)
    print("serving", flush=True)
    while os.getppid() == parent:  # the pytest process that started us is gone: stop
        try:
            conn, _ = listener.accept()
        except (TimeoutError, InterruptedError):
            continue
        conn.settimeout(None)
        sys.stdout.flush()
        sys.stderr.flush()
        if os.fork() == 0:
            _child(conn, listener)
        conn.close()
    listener.close()


if __name__ == "__main__":
    serve(Path(sys.argv[1]), Path(sys.argv[2]))
