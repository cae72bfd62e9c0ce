"""Freshness and the raw-export tests cover every GA4 property of sam_ga4_properties (issue 19).

A tiny demo's shards as two properties (ga4/111/, ga4/222/, the layout from which `sam build` and
`sam freshness` set sam_ga4_properties):
  - `sam freshness` with property 222's last six daily shards (and its intraday shard) gone: 222
    is named stale with its newest shard, 111 passes, the exit code is 1;
  - a listed property without any shard (333) is named;
  - the raw-export key-column test reads property 222's shards too: a NULL event_name injected
    there is reported for property 222 (it read only the first property before).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from faults import query, rewrite
from ga4_dbt import env_beside, tiny_demo

from sam.dbt_runner import vars_for_data_dir
from sam.project import run_dbt

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


@pytest.fixture(scope="module")
def two_properties(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("ga4_properties")
    seed = tiny_demo(root / "seed")
    data = root / "data"
    shutil.copytree(seed, data, ignore=shutil.ignore_patterns("ga4", "ground_truth", "salesforce"))
    shutil.copytree(seed / "ga4", data / "ga4" / "111")
    shutil.copytree(seed / "ga4", data / "ga4" / "222")
    # property 222 stopped exporting after 2024-12-25
    for shard in (data / "ga4" / "222").glob("events_*.parquet"):
        if shard.stem[-8:] > "20241225":
            shard.unlink()
    return data


def test_sam_freshness_names_a_stale_second_property(two_properties: Path) -> None:
    done = subprocess.run(
        [str(BIN / "sam"), "freshness"],
        env=env_beside(two_properties), cwd=REPO, text=True, capture_output=True, check=False,
    )  # fmt: skip
    out = " ".join((done.stdout + done.stderr).split())
    assert done.returncode == 1, out[-3000:]
    # as of the demo's 2024-12-31 (end of day): 111's newest shard is that day (1.0 day old),
    # 222's is 2024-12-25 (7.0 days: past the error age of 4)
    assert "ga4 property 111: newest shard 20241231, 1.0 days old" in out
    assert "ga4 property 222: newest shard 20241225, 7.0 days old" in out
    assert "ERROR STALE" in out
    # the other sources were still judged (dbt source freshness ran without the ga4 source)
    assert "freshness of hubspot.deal" in out and "freshness of ga4.events" not in out


def test_a_listed_property_without_shards_is_named(two_properties: Path) -> None:
    dbt_vars = {
        **vars_for_data_dir(two_properties),
        "sam_ga4_properties": ["111", "333"],
        "sam_freshness_as_of": "2024-12-31",
    }
    done = run_dbt(
        ["run-operation", "ga4_properties_freshness", "--vars", json.dumps(dbt_vars)],
        env=env_beside(two_properties), capture=True,
    )  # fmt: skip
    out = " ".join((done.stdout + done.stderr).split())
    assert done.returncode != 0, out[-3000:]
    assert "ga4 property 333: no GA4 shard found" in out and "ga4/333/events_*.parquet" in out
    assert "ga4 property 111: newest shard 20241231" in out and "- PASS" in out


def test_raw_key_column_test_reads_the_second_property(
    two_properties: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(two_properties, data)
    shard = data / "ga4" / "222" / "events_20241220.parquet"
    rewrite(
        shard,
        "select * replace (case when event_name = 'page_view' then null else event_name end "
        "as event_name)",
    )
    dbt_vars = vars_for_data_dir(data)
    assert [p["property_id"] for p in dbt_vars["sam_ga4_properties"]] == ["111", "222"]  # type: ignore[index]
    done = run_dbt(
        ["test", "--select", "assert_ga4_raw_key_columns_not_null",
         "--store-failures", "--vars", yaml.safe_dump(dbt_vars)],
        env=env_beside(data), capture=True,
    )  # fmt: skip
    out = " ".join((done.stdout + done.stderr).split())
    assert done.returncode != 0, out[-3000:]
    # one failing row: property 222, shard (2)0241220, event_name, as many NULLs as page views
    original = (two_properties / "ga4" / "222" / shard.name).as_posix()
    page_views = query(
        data.parent / "sam.duckdb",
        f"select count(*) from read_parquet('{original}') where event_name = 'page_view'",
    )[0][0]
    assert int(str(page_views)) > 0
    assert query(
        data.parent / "sam.duckdb",
        "select * from main_dbt_test__audit.assert_ga4_raw_key_columns_not_null",
    ) == [("222", "0241220", "event_name", page_views)]
