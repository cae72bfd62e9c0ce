"""Read SAM's marts from BigQuery, for `sam check` and `sam report` against the warehouse users run.

- `bigquery_client(project)`: google-cloud-bigquery with Application Default Credentials (gcloud
  login, a service-account key in GOOGLE_APPLICATION_CREDENTIALS, or the metadata server). When
  `BIGQUERY_EMULATOR_HOST` is set (google-cloud-bigquery's own variable), the client talks to that
  endpoint with anonymous credentials — how `make bq-emulator` proves these paths.
- `sqlalchemy_kwargs(url)`: the create_engine() arguments that make a `bigquery://` URL use that
  client (sqlalchemy-bigquery's `user_supplied_client`); `sam check` passes them to
  great-expectations' SQL datasource.
- `copy_marts(...)`: the marts the report reads, copied into a local DuckDB file (they are small
  aggregates; fct_attribution_credits and fct_leads only in the columns the report uses), so the
  report's SQL and charts are the same whichever warehouse built the marts.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import duckdb

EMULATOR_ENV = "BIGQUERY_EMULATOR_HOST"

# What `sam report` reads (sam.report.data), table -> columns (None: all).
REPORT_MARTS: Mapping[str, Sequence[str] | None] = {
    "rpt_channel_scorecard": None,
    "fct_channel_daily": None,
    "fct_leads": ("lead_id", "crm", "created_date", "is_junk", "lead_creation_channel"),
    "fct_attribution_credits": (
        "conversion_type", "conversion_id", "attribution_model", "channel", "credit",
        "credited_value", "touchpoint_id",
    ),
}  # fmt: skip


class BigQueryReadError(RuntimeError):
    """A mart that cannot be read from BigQuery (one-line reason)."""


def bigquery_client(project: str | None) -> Any:
    from google.cloud import bigquery

    if os.environ.get(EMULATOR_ENV):
        from google.auth.credentials import AnonymousCredentials

        return bigquery.Client(
            project=project,
            credentials=AnonymousCredentials(),  # type: ignore[no-untyped-call]
        )
    return bigquery.Client(project=project)


def sqlalchemy_kwargs(url: str) -> tuple[str, dict[str, Any]]:
    """(url, create_engine kwargs) for a SQLAlchemy URL: unchanged unless it is `bigquery://` and
    the emulator variable is set, then a user-supplied anonymous client."""
    parts = urlsplit(url)
    if parts.scheme != "bigquery" or not os.environ.get(EMULATOR_ENV):
        return url, {}
    query = dict(parse_qsl(parts.query))
    query["user_supplied_client"] = "true"
    client = bigquery_client(parts.netloc or None)
    # rows over REST: the emulator has no Storage Read API (the DB-API would return no rows)
    connect_args = {"client": client, "prefer_bqstorage_client": False}
    return urlunsplit(parts._replace(query=urlencode(query))), {"connect_args": connect_args}


def copy_marts(
    dataset: str, database: Path, marts: Mapping[str, Sequence[str] | None] = REPORT_MARTS
) -> dict[str, int]:
    """Copy `marts` from the BigQuery dataset `[project.]dataset` into a new DuckDB file; returns
    the rows copied per table."""
    project, _, name = dataset.rpartition(".")
    client = bigquery_client(project or None)
    database.parent.mkdir(parents=True, exist_ok=True)
    database.unlink(missing_ok=True)
    copied: dict[str, int] = {}
    con = duckdb.connect(str(database))
    try:
        for table, columns in marts.items():
            ref = f"{project or client.project}.{name}.{table}"
            try:
                schema = [f.name for f in client.get_table(ref).schema]
                wanted = [c for c in columns if c in schema] if columns else schema
                select = ", ".join(f"`{c}`" for c in wanted)
                # REST, not the Storage Read API: the marts read are small, and it needs no
                # bigquery.readsessions permission (nor an endpoint the emulator lacks)
                rows = client.query(f"select {select} from `{ref}`").result()
                arrow = rows.to_arrow(create_bqstorage_client=False)
            except Exception as err:  # google-api-core raises many types
                first = str(err).splitlines()[0][:300]
                raise BigQueryReadError(f"cannot read {ref}: {first}") from None
            con.register("incoming", arrow)
            con.execute(f'create table "{table}" as select * from incoming')
            con.unregister("incoming")
            copied[table] = arrow.num_rows
    finally:
        con.close()
    return copied
