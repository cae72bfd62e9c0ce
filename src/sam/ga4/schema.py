"""The GA4 BigQuery export schema as an Arrow schema, in three eras.

Source of the types: the DDL of one daily shard of Google's public sample
(``tests/fixtures/ga4/public_sample_events_ddl.sql``, from
``bigquery-public-data.ga4_obfuscated_sample_ecommerce.events_20210131``) plus the columns
Google added later (``collected_traffic_source`` 2023, ``is_active_user``, the ``batch_*`` trio and
``session_traffic_source_last_click`` 2024, ``default_channel_group`` / ``primary_channel_group``
inside ``cross_channel_campaign`` since 2024-10-10).

The public sample is obfuscated: fields it nulls out everywhere are typed INT64 there
(``privacy_info.analytics_storage``, ``user_properties.key``, ``device.vendor_id``, ...). A real
export types them STRING; this module uses the real types. ``docs/ga4_export_schema.sql`` is the
same schema written as BigQuery DDL, and a test compares the Parquet files field by field with it.

``sa360_campaign``, ``cm360_campaign`` and ``dv360_campaign`` (only filled for properties linked to
those Google Marketing Platform products) are not generated.
"""

from __future__ import annotations

import datetime as dt
from enum import Enum

import pyarrow as pa

S = pa.string()
I = pa.int64()  # noqa: E741 - BigQuery INT64
F = pa.float64()  # BigQuery FLOAT64
B = pa.bool_()


def _struct(**fields: pa.DataType) -> pa.StructType:
    return pa.struct([pa.field(name, typ) for name, typ in fields.items()])


PARAM_VALUE = _struct(string_value=S, int_value=I, float_value=F, double_value=F)
EVENT_PARAMS = pa.list_(_struct(key=S, value=PARAM_VALUE))
USER_PROPERTIES = pa.list_(
    _struct(
        key=S,
        value=_struct(
            string_value=S, int_value=I, float_value=F, double_value=F, set_timestamp_micros=I
        ),
    )
)
PRIVACY_INFO = _struct(analytics_storage=S, ads_storage=S, uses_transient_token=S)
USER_LTV = _struct(revenue=F, currency=S)
DEVICE = _struct(
    category=S,
    mobile_brand_name=S,
    mobile_model_name=S,
    mobile_marketing_name=S,
    mobile_os_hardware_model=S,
    operating_system=S,
    operating_system_version=S,
    vendor_id=S,
    advertising_id=S,
    language=S,
    is_limited_ad_tracking=S,
    time_zone_offset_seconds=I,
    browser=S,
    browser_version=S,
    web_info=_struct(browser=S, browser_version=S, hostname=S),
)
GEO = _struct(continent=S, sub_continent=S, country=S, region=S, city=S, metro=S)
APP_INFO = _struct(id=S, version=S, install_store=S, firebase_app_id=S, install_source=S)
TRAFFIC_SOURCE = _struct(name=S, medium=S, source=S)
EVENT_DIMENSIONS = _struct(hostname=S)
ECOMMERCE = _struct(
    total_item_quantity=I,
    purchase_revenue_in_usd=F,
    purchase_revenue=F,
    refund_value_in_usd=F,
    refund_value=F,
    shipping_value_in_usd=F,
    shipping_value=F,
    tax_value_in_usd=F,
    tax_value=F,
    unique_items=I,
    transaction_id=S,
)
ITEMS = pa.list_(
    _struct(
        item_id=S,
        item_name=S,
        item_brand=S,
        item_variant=S,
        item_category=S,
        item_category2=S,
        item_category3=S,
        item_category4=S,
        item_category5=S,
        price_in_usd=F,
        price=F,
        quantity=I,
        item_revenue_in_usd=F,
        item_revenue=F,
        item_refund_in_usd=F,
        item_refund=F,
        coupon=S,
        affiliation=S,
        location_id=S,
        item_list_id=S,
        item_list_name=S,
        item_list_index=S,
        promotion_id=S,
        promotion_name=S,
        creative_name=S,
        creative_slot=S,
    )
)
COLLECTED_TRAFFIC_SOURCE = _struct(
    manual_campaign_id=S,
    manual_campaign_name=S,
    manual_source=S,
    manual_medium=S,
    manual_term=S,
    manual_content=S,
    manual_source_platform=S,
    manual_creative_format=S,
    manual_marketing_tactic=S,
    gclid=S,
    dclid=S,
    srsltid=S,
)
_MANUAL_CAMPAIGN = _struct(
    campaign_id=S,
    campaign_name=S,
    source=S,
    medium=S,
    term=S,
    content=S,
    source_platform=S,
    creative_format=S,
    marketing_tactic=S,
)
_GOOGLE_ADS_CAMPAIGN = _struct(
    customer_id=S,
    account_name=S,
    campaign_id=S,
    campaign_name=S,
    ad_group_id=S,
    ad_group_name=S,
)
_CROSS_CHANNEL_BASE: dict[str, pa.DataType] = dict(
    campaign_id=S, campaign_name=S, source=S, medium=S, source_platform=S
)
_CROSS_CHANNEL_GROUPS: dict[str, pa.DataType] = dict(
    default_channel_group=S, primary_channel_group=S
)


def _last_click(with_channel_group: bool) -> pa.StructType:
    cross = dict(_CROSS_CHANNEL_BASE)
    if with_channel_group:
        cross.update(_CROSS_CHANNEL_GROUPS)
    return _struct(
        manual_campaign=_MANUAL_CAMPAIGN,
        google_ads_campaign=_GOOGLE_ADS_CAMPAIGN,
        cross_channel_campaign=_struct(**cross),
    )


# Dates Google added columns to the export (kept as data so a generator can straddle them).
LAST_CLICK_SINCE = dt.date(2024, 7, 17)
CHANNEL_GROUP_SINCE = dt.date(2024, 10, 10)


class ShardKind(Enum):
    DAILY = "events"
    INTRADAY = "events_intraday"


_BASE_COLUMNS: list[tuple[str, pa.DataType]] = [
    ("event_date", S),
    ("event_timestamp", I),
    ("event_name", S),
    ("event_params", EVENT_PARAMS),
    ("event_previous_timestamp", I),
    ("event_value_in_usd", F),
    ("event_bundle_sequence_id", I),
    ("event_server_timestamp_offset", I),
    ("user_id", S),
    ("user_pseudo_id", S),
    ("privacy_info", PRIVACY_INFO),
    ("user_properties", USER_PROPERTIES),
    ("user_first_touch_timestamp", I),
    ("user_ltv", USER_LTV),
    ("device", DEVICE),
    ("geo", GEO),
    ("app_info", APP_INFO),
    ("traffic_source", TRAFFIC_SOURCE),
    ("stream_id", I),
    ("platform", S),
    ("event_dimensions", EVENT_DIMENSIONS),
    ("ecommerce", ECOMMERCE),
    ("items", ITEMS),
    ("collected_traffic_source", COLLECTED_TRAFFIC_SOURCE),
    ("is_active_user", B),
    ("batch_event_index", I),
    ("batch_ordering_id", I),
    ("batch_page_id", I),
]

# Columns Google does not write to intraday shards.
INTRADAY_MISSING = frozenset({"traffic_source", "user_ltv", "is_active_user"})


def export_schema(shard_date: dt.date, kind: ShardKind = ShardKind.DAILY) -> pa.Schema:
    """The columns a shard of ``kind`` for ``shard_date`` has in a real export."""
    columns = list(_BASE_COLUMNS)
    if kind is ShardKind.DAILY and shard_date >= LAST_CLICK_SINCE:
        columns.append(
            (
                "session_traffic_source_last_click",
                _last_click(with_channel_group=shard_date >= CHANNEL_GROUP_SINCE),
            )
        )
    if kind is ShardKind.INTRADAY:
        columns = [(n, t) for n, t in columns if n not in INTRADAY_MISSING]
    return pa.schema([pa.field(n, t) for n, t in columns])


def full_schema() -> pa.Schema:
    """Every column of the newest daily export (the union of all eras)."""
    return export_schema(dt.date.max, ShardKind.DAILY)


def shard_filename(shard_date: dt.date, kind: ShardKind = ShardKind.DAILY) -> str:
    """``events_YYYYMMDD.parquet`` / ``events_intraday_YYYYMMDD.parquet`` as in the contract."""
    return f"{kind.value}_{shard_date:%Y%m%d}.parquet"
