"""dbt's partial parse kept per set of vars (sam.parse_cache, issue 18).

The slot logic on a stand-in for dbt (a function that writes partial_parse.msgpack as dbt does),
then once with dbt itself: after a run with other vars replaced the parsed project (here: removed
it), a run with the first vars parses partially again instead of from scratch.
"""

from __future__ import annotations

import json
from pathlib import Path

from sam import parse_cache
from sam.project import REPO_ROOT, run_dbt


def _args(target: Path, dbt_vars: dict[str, object], *extra: str) -> list[str]:
    return ["build", "--vars", json.dumps(dbt_vars), "--target-path", str(target), *extra]


def _dbt_writes(target: Path, content: bytes) -> None:
    """What dbt does after parsing: (re)write the target's partial_parse.msgpack."""
    target.mkdir(parents=True, exist_ok=True)
    (target / parse_cache.PARTIAL_PARSE_FILE).write_bytes(content)


def test_each_vars_set_gets_back_its_own_parsed_project(tmp_path: Path) -> None:
    target = tmp_path / "target"
    live = target / parse_cache.PARTIAL_PARSE_FILE
    nightly = _args(target, {"sam_test_recent_days": 6, "sam_ga4_test_all_shards": False})
    fresh = _args(target, {"sam_freshness_as_of": "2024-12-31"})
    with parse_cache.kept(nightly):
        assert not live.exists()  # nothing kept yet: dbt parses from scratch
        _dbt_writes(target, b"nightly")
    with parse_cache.kept(fresh):
        assert live.read_bytes() == b"nightly"  # no slot for these vars: dbt judges the file
        _dbt_writes(target, b"freshness")
    # the same vars in another order and spelling are the same set
    reordered = _args(target, {"sam_ga4_test_all_shards": False, "sam_test_recent_days": 6})
    with parse_cache.kept(reordered):
        assert live.read_bytes() == b"nightly"
    with parse_cache.kept(fresh):
        assert live.read_bytes() == b"freshness"
    # another profile target is another slot
    with parse_cache.kept([*nightly, "--target", "bigquery"]):
        assert live.read_bytes() == b"freshness"
    assert len(list((target / parse_cache.CACHE_DIR).glob("*.msgpack"))) == 2


def test_a_run_that_writes_nothing_saves_nothing(tmp_path: Path) -> None:
    """dbt failing before it parsed leaves the file it found: that file (another vars set's, or
    none) must not be kept as this set's."""
    target = tmp_path / "target"
    _dbt_writes(target, b"other vars")
    args = _args(target, {"sam_test_recent_days": 6})
    with parse_cache.kept(args):
        pass
    assert not (target / parse_cache.CACHE_DIR).exists()


def test_old_slots_are_dropped(tmp_path: Path) -> None:
    target = tmp_path / "target"
    for days in range(parse_cache.KEEP + 3):
        with parse_cache.kept(_args(target, {"sam_test_recent_days": days})):
            _dbt_writes(target, str(days).encode())
    slots = list((target / parse_cache.CACHE_DIR).glob("*.msgpack"))
    assert len(slots) == parse_cache.KEEP
    newest = _args(target, {"sam_test_recent_days": parse_cache.KEEP + 2})
    assert (target / parse_cache.CACHE_DIR / f"{parse_cache.key(newest)}.msgpack").is_file()
    oldest = _args(target, {"sam_test_recent_days": 0})
    assert not (target / parse_cache.CACHE_DIR / f"{parse_cache.key(oldest)}.msgpack").exists()


def test_target_path_is_dbts() -> None:
    assert parse_cache.target_path(["build"], env={}) == REPO_ROOT / "target"
    assert parse_cache.target_path(["build"], env={"DBT_TARGET_PATH": "/x"}) == Path("/x")
    assert parse_cache.target_path(["build", "--target-path=t2"], env={}) == REPO_ROOT / "t2"


def test_dbt_parses_partially_after_another_vars_set(tmp_path: Path) -> None:
    """Real dbt (~15 s: one full parse, one partial)."""
    target = tmp_path / "target"
    args = ["parse", "--vars", json.dumps({"sam_test_recent_days": 6})]
    args += ["--target-path", str(target), "--log-path", str(tmp_path / "logs")]
    env = {"SAM_DUCKDB_PATH": str(tmp_path / "p.duckdb")}
    with parse_cache.kept(args):
        first = run_dbt(args, env=env, capture=True)
    assert first.returncode == 0, first.stdout + first.stderr
    # a run with other vars (the freshness check, a plain build) took the target's file
    (target / parse_cache.PARTIAL_PARSE_FILE).unlink()
    with parse_cache.kept(args):
        second = run_dbt(args, env=env, capture=True)
    assert second.returncode == 0, second.stdout + second.stderr
    log = (tmp_path / "logs" / "dbt.log").read_text()
    second_log = log[log.rindex("Running with dbt") :]
    assert "Unable to do partial parsing" not in second_log
    assert "Nothing changed, skipping partial parsing" in second_log or (
        "Partial parsing enabled" in second_log
    )
