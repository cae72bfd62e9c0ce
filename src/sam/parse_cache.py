"""dbt's partial parse, kept per set of vars across `sam` commands (issue 18).

dbt keeps one parsed project, `<target>/partial_parse.msgpack`, and throws it away whenever the
command-line --vars differ from the run that wrote it ("Unable to do partial parsing because
config vars ... have changed"): a full parse, ~10 s of CPU at SAM's size. `sam build` always passes
--vars (the data directory's), and a scheduled day alternates commands with different vars -
the nightly build (sam_test_recent_days ...), `sam freshness` (sam_freshness_as_of), a plain
`sam build` - so each run found the other's file and parsed everything again.

`kept(args)` wraps one dbt invocation: before it, the parsed project last written under the same
vars and target (a copy in `<target>/sam-partial-parse/<key>.msgpack`) is put back as
`partial_parse.msgpack`; after it, dbt's newly written file is copied to that slot. dbt still
decides whether the file is usable (its own checks of the vars, profile, project files and env
vars): a stale or mismatched copy costs a full parse, never a wrong one. `dbt clean` removes the
slots with the target.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path

from sam.project import REPO_ROOT

PARTIAL_PARSE_FILE = "partial_parse.msgpack"
CACHE_DIR = "sam-partial-parse"
# Slots kept per target (least recently written dropped first): a scheduled day uses two or three.
KEEP = 6


def _option(args: Sequence[str], name: str) -> str | None:
    """The value of `--name value` or `--name=value` in dbt's arguments (the last one wins)."""
    found: str | None = None
    for i, arg in enumerate(args):
        if arg == name and i + 1 < len(args):
            found = args[i + 1]
        elif arg.startswith(name + "="):
            found = arg.split("=", 1)[1]
    return found


def target_path(args: Sequence[str], env: Mapping[str, str] | None = None) -> Path:
    """dbt's target directory for these arguments: --target-path, else env DBT_TARGET_PATH, else
    the project's `target` (relative paths are relative to the repository, where dbt runs)."""
    environ = os.environ if env is None else env
    given = _option(args, "--target-path") or environ.get("DBT_TARGET_PATH") or "target"
    return REPO_ROOT / given


def key(args: Sequence[str], env: Mapping[str, str] | None = None) -> str:
    """What dbt's parse depends on besides the files: the --vars (as a mapping, so key order does
    not matter) and the profile target (--target, else env SAM_TARGET, the profile's choice)."""
    environ = os.environ if env is None else env
    text = _option(args, "--vars")
    try:
        parsed: object = json.loads(text) if text else {}
    except ValueError:
        parsed = text  # not JSON (a user's YAML): the text itself keys the slot
    target = _option(args, "--target") or environ.get("SAM_TARGET") or "duckdb"
    canonical = json.dumps({"vars": parsed, "target": target}, sort_keys=True, default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    return stat.st_mtime_ns, stat.st_size


def _prune(slots: Path, keep: int = KEEP) -> None:
    files = sorted(slots.glob("*.msgpack"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in files[keep:]:
        old.unlink(missing_ok=True)


@contextmanager
def kept(args: Sequence[str], env: Mapping[str, str] | None = None) -> Iterator[None]:
    """Around one dbt invocation with `args`: restore this vars set's parsed project first, save
    dbt's new one after (see the module's docstring)."""
    target = target_path(args, env)
    live = target / PARTIAL_PARSE_FILE
    slot = target / CACHE_DIR / f"{key(args, env)}.msgpack"
    if slot.is_file():
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(slot, live)
    before = _stamp(live)
    try:
        yield
    finally:
        after = _stamp(live)
        if after is not None and after != before:
            slot.parent.mkdir(parents=True, exist_ok=True)
            partial = slot.with_suffix(".tmp")
            shutil.copyfile(live, partial)
            partial.replace(slot)
            _prune(slot.parent)
