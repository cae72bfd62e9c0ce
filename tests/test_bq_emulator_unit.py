"""The pure parts of the emulator build and of the BigQuery read path (the build itself runs in
`make bq-emulator`): how Parquet schemas become BigQuery load schemas, how marts are compared, and
how a bigquery:// URL is pointed at the emulator."""

from __future__ import annotations

import decimal

import pyarrow as pa
import pytest

from sam import bq_emulator, bq_marts
from sam.ga4 import schema as ga4_schema


def test_ga4_schema_becomes_nested_bigquery_fields() -> None:
    fields = {f.name: f for f in bq_emulator.bigquery_schema(ga4_schema.full_schema())}
    params = fields["event_params"]
    assert (params.field_type, params.mode) == ("RECORD", "REPEATED")
    value = {f.name: f for f in params.fields}["value"]
    assert value.field_type == "RECORD"
    assert {f.name: f.field_type for f in value.fields} == {
        "string_value": "STRING",
        "int_value": "INT64",
        "float_value": "FLOAT64",
        "double_value": "FLOAT64",
    }
    assert fields["event_timestamp"].field_type == "INT64"
    assert fields["event_date"].field_type == "STRING"


def test_scorecard_counts_non_nulls_and_sums_numbers() -> None:
    rows = [
        {"channel": "A", "spend": 1.5, "leads": 2, "paid": True, "amount": decimal.Decimal("1.10")},
        {"channel": None, "spend": None, "leads": 3, "paid": False, "amount": decimal.Decimal("2")},
    ]
    card = bq_emulator.scorecard(rows)
    assert card["rows"] == 2
    assert card["channel:non_null"] == 1
    assert card["spend:sum"] == 1.5 and card["spend:non_null"] == 1
    assert card["leads:sum"] == 5.0
    assert "paid:sum" not in card  # booleans are counted, not summed
    assert card["amount:sum"] == pytest.approx(3.1)
    assert bq_emulator.scorecard([]) == {"rows": 0}


def test_equal_up_to_float_noise_only() -> None:
    assert bq_emulator.same(1.0, 1.0 + 1e-9)
    assert not bq_emulator.same(44.38, 45.38)
    assert not bq_emulator.same(75, 76)


def test_bigquery_url_points_at_the_emulator_only_when_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv(bq_marts.EMULATOR_ENV, raising=False)
    assert bq_marts.sqlalchemy_kwargs("bigquery://p/sam") == ("bigquery://p/sam", {})
    monkeypatch.setenv(bq_marts.EMULATOR_ENV, "http://127.0.0.1:9")
    url, kwargs = bq_marts.sqlalchemy_kwargs("bigquery://p/sam")
    assert url == "bigquery://p/sam?user_supplied_client=true"
    assert kwargs["connect_args"]["client"].project == "p"
    # other databases are left alone
    assert bq_marts.sqlalchemy_kwargs("duckdb:///x.db") == ("duckdb:///x.db", {})


def test_arrow_types_map_to_load_types() -> None:
    schema = pa.schema(
        [("d", pa.date32()), ("t", pa.timestamp("us")), ("n", pa.decimal128(18, 2)),
         ("b", pa.bool_()), ("tags", pa.list_(pa.string()))]
    )  # fmt: skip
    got = {f.name: (f.field_type, f.mode) for f in bq_emulator.bigquery_schema(schema)}
    assert got == {
        "d": ("DATE", "NULLABLE"),
        "t": ("TIMESTAMP", "NULLABLE"),
        "n": ("NUMERIC", "NULLABLE"),
        "b": ("BOOL", "NULLABLE"),
        "tags": ("STRING", "REPEATED"),
    }


def test_later_crms_run_only_the_data_tests_of_their_crm_specific_models() -> None:
    # the first CRM: every data test; the Salesforce run after it: the data tests on the models
    # whose SQL the CRM switch changes (every other test's SQL already ran on the emulator)
    assert bq_emulator.test_selection("data", "hubspot", False, "crm-only") == [
        "--select",
        "test_type:data",
    ]
    assert bq_emulator.test_selection("data", "salesforce", True, "crm-only") == [
        "--select",
        "test_type:data,path:models/staging/salesforce",
        "test_type:data,path:models/intermediate/crm",
        "test_type:data,path:models/marts/crm",
        "test_type:data,path:tests/crm",
    ]
    assert bq_emulator.test_selection("all", "salesforce", True, "same") == []
    assert bq_emulator.test_selection("singular", "salesforce", True, "same") == [
        "--select",
        "test_type:singular",
    ]


def test_the_models_built_once_are_the_incremental_ones_that_read_no_crm() -> None:
    # A small DAG: GA4 -> base (incremental) -> sessions (incremental) -> touchpoints
    # (incremental, also reads the CRM through its staging), and a table on the GA4 side.
    def model(name: str, materialized: str) -> dict[str, object]:
        return {"name": name, "resource_type": "model", "config": {"materialized": materialized}}

    manifest = {
        "sources": {
            "source.sam.ga4.events": {"source_name": "ga4"},
            "source.sam.hubspot.contact": {"source_name": "hubspot"},
        },
        "nodes": {
            "model.sam.base": model("base", "incremental"),
            "model.sam.sessions": model("sessions", "incremental"),
            "model.sam.stg_contacts": model("stg_contacts", "view"),
            "model.sam.touchpoints": model("touchpoints", "incremental"),
            "model.sam.fct_sessions": model("fct_sessions", "table"),
            "seed.sam.rules": {"name": "rules", "resource_type": "seed", "config": {}},
        },
        "parent_map": {
            "model.sam.base": ["source.sam.ga4.events"],
            "model.sam.sessions": ["model.sam.base", "seed.sam.rules"],
            "model.sam.stg_contacts": ["source.sam.hubspot.contact"],
            "model.sam.touchpoints": ["model.sam.sessions", "model.sam.stg_contacts"],
            "model.sam.fct_sessions": ["model.sam.sessions"],
            "seed.sam.rules": [],
        },
    }
    assert bq_emulator.crm_independent_incremental(manifest) == ["base", "sessions"]
