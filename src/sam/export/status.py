"""The send_status rules, re-checked at send time.

The exp_ models judge every row at their build's as-of (var sam_export_as_of); `sam export`
judges them again at its own --as-of and against the live ledger, with the same rules in the
same order (the SQL in models/marts/exports/). tests/export/test_export_demo.py checks both give
the same answer on the demo.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal

Destination = Literal["ga4", "google_ads", "meta"]
DESTINATIONS: tuple[Destination, ...] = ("ga4", "google_ads", "meta")

# The exp_ table each destination reads.
TABLES: dict[Destination, str] = {
    "ga4": "exp_ga4_measurement_protocol",
    "google_ads": "exp_google_ads_click_conversions",
    "meta": "exp_meta_conversions_api",
}

SENDABLE = "sendable"


@dataclass(frozen=True)
class Windows:
    """The windows of the destinations (dbt vars of the same names)."""

    ga4_backdate_hours: float = 72
    google_ads_min_click_age_hours: float = 6
    meta_max_age_days: float = 7


@dataclass(frozen=True)
class LedgerState:
    """What the ledger knows of one outcome at one destination."""

    is_sent: bool
    last_status: str  # pending | sent | failed


def as_of_instant(day: dt.date) -> dt.datetime:
    """The "now" of --as-of DAY: the end of that day (next midnight, UTC), naive UTC like the
    warehouse's timestamps - the same instant as the models' sam.export_as_of()."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time())


def _utc_naive(value: Any) -> dt.datetime | None:
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        raise TypeError(f"expected a timestamp, got {value!r}")
    if value.tzinfo is not None:
        return value.astimezone(dt.UTC).replace(tzinfo=None)
    naive: dt.datetime = value
    return naive


def _age_seconds(earlier: dt.datetime, now: dt.datetime) -> int:
    # dbt.datediff(..., 'second') counts whole-second boundaries; truncating both sides matches it.
    return int(now.replace(microsecond=0).timestamp() - earlier.replace(microsecond=0).timestamp())


def send_status(
    destination: Destination,
    row: Mapping[str, Any],
    now: dt.datetime,
    ledger: LedgerState | None,
    windows: Windows = Windows(),
    resend_in_doubt: bool = False,
) -> str:
    """The row's status at `now` (naive UTC) given the live ledger: 'sendable' or why not."""
    if ledger is not None and ledger.is_sent:
        return "already_sent"
    in_doubt = ledger is not None and ledger.last_status == "pending" and not resend_in_doubt
    if destination == "ga4" and in_doubt:
        return "in_doubt"
    if row["is_junk"]:
        return "junk_lead"
    occurred_at = _utc_naive(row["occurred_at"])
    assert occurred_at is not None
    age = _age_seconds(occurred_at, now)
    if destination == "ga4":
        if row["client_id"] is None:
            return "no_identifier"
        if age < 0:
            return "not_yet_occurred"
        if age > windows.ga4_backdate_hours * 3600:
            return "outside_window"
        return SENDABLE
    if destination == "google_ads":
        if row["identifier_type"] is None:
            return "no_identifier"
        if row["ads_consent"] == "denied":
            return "consent_denied"
        clicked_at = _utc_naive(row["clicked_at"])
        if clicked_at is not None and clicked_at > occurred_at:
            return "conversion_before_click"
        if age < 0:
            return "not_yet_occurred"
        click_age = None if clicked_at is None else _age_seconds(clicked_at, now)
        if click_age is not None and click_age < windows.google_ads_min_click_age_hours * 3600:
            return "click_too_recent"
        window_age = click_age if click_age is not None else age
        if window_age > int(row["click_window_days"]) * 86400:
            return "outside_window"
        return SENDABLE
    # meta
    if row["em"] is None and row["fbc"] is None:
        return "no_identifier"
    if row["ads_consent"] == "denied":
        return "consent_denied"
    if age < 0:
        return "not_yet_occurred"
    if age > windows.meta_max_age_days * 86400:
        return "outside_window"
    return SENDABLE
