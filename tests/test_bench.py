"""`sam bench`'s plumbing on tiny data (no timing asserted): the data it generates or refuses to
reuse, the minimal query's sessions against an independent count, what each step runs with
which data and database, the ratios it prints, and the peak RSS it reads from wait4."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import duckdb
import pyarrow.dataset as ds
import pytest

from sam import bench

SCALE = 0.05  # the generator's smallest comfortable scale (~67 k events)


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bench") / "demo"
    bench.ensure_data(folder, SCALE, bench.AS_OF)
    return folder


def test_minimal_query_sessions_match_an_independent_count(data: Path) -> None:
    # pyarrow, not SQL: the sessions are the distinct (visitor, ga_session_id) of the daily shards
    table = ds.dataset(sorted((data / "ga4").glob("events_2*.parquet"))).to_table(
        columns=["user_pseudo_id", "event_params"]
    )
    sessions: set[tuple[str, int]] = set()
    events = 0
    visitors = table.column("user_pseudo_id").to_pylist()
    for visitor, params in zip(visitors, table.column("event_params").to_pylist(), strict=True):
        sid = next((p["value"]["int_value"] for p in params if p["key"] == "ga_session_id"), None)
        if visitor is not None and sid is not None:
            sessions.add((visitor, sid))
            events += 1
    query = bench.MINIMAL_QUERY.format(data=data)
    got = duckdb.connect().execute(f"select count(*), sum(events) from ({query})").fetchall()
    assert got == [(len(sessions), events)]
    assert len(sessions) > 1000


def test_reused_data_must_be_the_same_generation(data: Path) -> None:
    events = json.loads((data / "manifest.json").read_text())["ga4"]["events"]
    assert bench.ensure_data(data, SCALE, bench.AS_OF) == events  # reused, not regenerated
    with pytest.raises(bench.BenchError, match="scale"):
        bench.ensure_data(data, 7.4, bench.AS_OF)


def test_steps_run_on_the_right_data_and_database(data: Path, tmp_path: Path) -> None:
    calls: list[tuple[list[str], dict[str, str] | None]] = []
    order = ["baseline", "full", "base-write", "no-new-data", "incremental", "incremental-build"]
    seconds = dict(zip(order, (2.0, 10.0, 1.2, 0.4, 0.5, 3.0), strict=True))
    databases: list[str] = []

    def fake(cmd: Sequence[str], env: dict[str, str] | None) -> tuple[float, float, int]:
        calls.append((list(cmd), env))
        step = order[len(calls) - 1]
        if step in ("baseline", "base-write"):
            return seconds[step], 500.0, 0
        assert env is not None
        database = Path(env["SAM_DUCKDB_PATH"])
        # The step's database as the step found it (the full build writes it; the plain
        # sam build of the next day must find the copy taken after the full build).
        databases.append(database.read_text() if database.exists() else "")
        database.write_text(step)
        target = Path(cmd[cmd.index("--target-path") + 1])
        target.mkdir(parents=True, exist_ok=True)
        node = {"unique_id": "model.sam.base_ga4__events", "execution_time": 3.0}
        tests = [{"unique_id": f"test.sam.t{i}", "execution_time": 0.25} for i in range(3)]
        results = {"elapsed_time": 8.5, "results": [node, *tests]}
        (target / "run_results.json").write_text(json.dumps(results))
        return seconds[step], 2048.0, 0

    report = bench.run_bench(data, SCALE, work=tmp_path / "work", runner=fake)

    assert [s.name for s in report.steps] == [
        "baseline",
        "full",
        "base model",
        "base-write",
        "no-new-data",
        "incremental",
        "incremental-build",
    ]
    (baseline_cmd, baseline_env), (full_cmd, full_env), (copy_cmd, copy_env), *rest = calls
    (empty_cmd, empty_env), (inc_cmd, inc_env), (plain_cmd, plain_env) = rest
    assert baseline_env is None and str(data) in baseline_cmd[-1]
    assert full_cmd[:4] == [sys.executable, "-m", "sam.cli", "build"]
    # base-write reads the full build's database (before the daily runs change it)
    assert full_env is not None and copy_env is None
    assert copy_cmd[3] == full_env["SAM_DUCKDB_PATH"]
    assert plain_cmd == full_cmd
    # The daily runs: the nightly selector, tests on the rewritten window.
    for cmd in (empty_cmd, inc_cmd):
        assert cmd[: len(full_cmd)] == full_cmd
        assert cmd[len(full_cmd) :][:2] == ["--selector", "nightly"]
        assert json.loads(cmd[-1]) == {"sam_ga4_test_all_shards": False, "sam_test_recent_days": 6}
    assert full_env is not None and empty_env is not None
    assert inc_env is not None and plain_env is not None
    assert full_env["SAM_DATA_DIR"] == empty_env["SAM_DATA_DIR"] == str(data)
    next_data = data.with_name(data.name + "-next")
    assert inc_env["SAM_DATA_DIR"] == plain_env["SAM_DATA_DIR"] == str(next_data)
    assert len({e["SAM_DUCKDB_PATH"] for e in (full_env, empty_env, inc_env, plain_env)}) == 1
    assert databases == ["", "full", "no-new-data", "full"]
    assert json.loads((next_data / "manifest.json").read_text())["as_of"] == "2025-01-01"

    table = report.markdown()
    summary = "dbt 8.5 s: 1 model 3.0 s, 3 data tests 0.8 s"  # 3 x 0.25 s
    assert f"| full | 10.0 s | 2,048 MiB | 5.0x | sam build; {summary} |" in table
    assert "| base model | 3.0 s | (in full) | 1.5x |" in table
    assert "| base-write | 1.2 s | 500 MiB | 0.6x |" in table
    assert "| no-new-data | 0.4 s | 2,048 MiB | 0.2x | 4 % of the full build;" in table
    assert "| incremental | 0.5 s | 2,048 MiB | 0.2x | 5 % of the full build;" in table
    assert "| incremental-build | 3.0 s | 2,048 MiB | 1.5x | 30 % of the full build;" in table


def test_unknown_steps_are_refused(data: Path, tmp_path: Path) -> None:
    with pytest.raises(bench.BenchError, match="unknown steps"):
        bench.run_bench(data, SCALE, work=tmp_path / "work", steps=["full", "incremantal"])
    with pytest.raises(bench.BenchError, match="add the full step"):
        bench.run_bench(data, SCALE, work=tmp_path / "work", steps=["base-write"])


def test_base_write_copies_every_row_and_column(tmp_path: Path) -> None:
    # The real script on a small table: the copy holds the same rows (EXCEPT ALL both ways).
    built, out = tmp_path / "built.duckdb", tmp_path / "copy.duckdb"
    con = duckdb.connect(str(built))
    con.execute(
        "create table base_ga4__events as select i as event_key, 'v' || (i % 7) as user_pseudo_id,"
        " [i, i + 1] as nested from range(5000) as r(i)"
    )
    con.close()
    seconds, _, code = bench.measure(
        [sys.executable, "-c", bench._BASE_WRITE_SCRIPT, str(built), str(out), "1GB"]
    )
    assert code == 0 and seconds > 0
    con = duckdb.connect(str(out))
    con.execute(f"attach '{built}' as built (read_only)")
    assert con.execute("select count(*) from base_copy").fetchone() == (5000,)
    for a, b in (("base_copy", "built.base_ga4__events"), ("built.base_ga4__events", "base_copy")):
        missing = con.execute(f"select count(*) from (from {a} except all from {b})").fetchone()
        assert missing == (0,)


def test_measure_reads_the_childs_peak_rss_and_exit_code() -> None:
    grow = "b = bytearray(300 * 2**20); b[::4096] = b'x' * len(b[::4096]); raise SystemExit(3)"
    _, peak_mib, code = bench.measure([sys.executable, "-c", grow])
    assert code == 3
    assert 300 <= peak_mib < 1000
