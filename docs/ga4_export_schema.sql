-- The GA4 BigQuery export (one daily shard, newest era) as SAM models it.
--
-- Same columns, order and types as sam.ga4.schema.full_schema(), which the Parquet shards of
-- `sam demo-data` and `sam import-ga4-json` are written with; tests/test_ga4_schema_types.py
-- checks those shards against this file field by field through DuckDB, and checks this file
-- against the public sample's DDL (tests/fixtures/ga4, from
-- `bigquery-public-data.ga4_obfuscated_sample_ecommerce.events_20210131`).
--
-- Starting point: that public DDL. Every deviation from it is marked "DEVIATION" below:
--   * real types where the obfuscated sample nulls a field everywhere and types it INT64;
--   * fields and columns Google added after the sample's 2021 shards;
--   * traffic_source field order.
-- Eras (sam.ga4.schema.export_schema): session_traffic_source_last_click exists in daily shards
-- since 2024-07-17, its cross_channel_campaign.default_channel_group / primary_channel_group
-- since 2024-10-10. Intraday shards (events_intraday_YYYYMMDD) have no traffic_source, user_ltv,
-- is_active_user nor session_traffic_source_last_click. Older shards lack the newer columns.
-- Not modelled: session_traffic_source_last_click.sa360_campaign / cm360_campaign /
-- dv360_campaign (filled only for properties linked to those Marketing Platform products).
CREATE TABLE `project.analytics_123456789.events_YYYYMMDD`
(
  event_date STRING,
  event_timestamp INT64,
  event_name STRING,
  event_params ARRAY<STRUCT<key STRING, value STRUCT<string_value STRING, int_value INT64, float_value FLOAT64, double_value FLOAT64>>>,
  event_previous_timestamp INT64,
  event_value_in_usd FLOAT64,
  event_bundle_sequence_id INT64,
  event_server_timestamp_offset INT64,
  user_id STRING,
  user_pseudo_id STRING,
  privacy_info STRUCT<
    analytics_storage STRING,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL); 'Yes' / 'No' / NULL
    ads_storage STRING,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
    uses_transient_token STRING
  >,
  user_properties ARRAY<STRUCT<
    key STRING,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
    value STRUCT<
      string_value STRING,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
      int_value INT64,
      float_value FLOAT64,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
      double_value FLOAT64,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
      set_timestamp_micros INT64
    >
  >>,
  user_first_touch_timestamp INT64,
  user_ltv STRUCT<revenue FLOAT64, currency STRING>,
  device STRUCT<
    category STRING,
    mobile_brand_name STRING,
    mobile_model_name STRING,
    mobile_marketing_name STRING,
    mobile_os_hardware_model STRING,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
    operating_system STRING,
    operating_system_version STRING,
    vendor_id STRING,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
    advertising_id STRING,  -- DEVIATION: INT64 in the public sample (obfuscated, all NULL)
    language STRING,
    is_limited_ad_tracking STRING,
    time_zone_offset_seconds INT64,
    browser STRING,  -- DEVIATION: not in the public sample DDL; a key of real exports (NULL on web, where web_info.browser has it)
    browser_version STRING,  -- DEVIATION: not in the public sample DDL; as browser
    web_info STRUCT<
      browser STRING,
      browser_version STRING,
      hostname STRING  -- DEVIATION: not in the public sample DDL; added later (present in real 2022 exports)
    >
  >,
  geo STRUCT<continent STRING, sub_continent STRING, country STRING, region STRING, city STRING, metro STRING>,
  app_info STRUCT<id STRING, version STRING, install_store STRING, firebase_app_id STRING, install_source STRING>,
  -- DEVIATION: field order name, medium, source (as the real 2022 export row of the test
  -- fixtures writes it); the public sample DDL has medium, name, source. Same fields and types.
  traffic_source STRUCT<name STRING, medium STRING, source STRING>,
  stream_id INT64,  -- INT64 as in the public sample (the JSON export writes it as a string of digits)
  platform STRING,
  event_dimensions STRUCT<hostname STRING>,
  ecommerce STRUCT<total_item_quantity INT64, purchase_revenue_in_usd FLOAT64, purchase_revenue FLOAT64, refund_value_in_usd FLOAT64, refund_value FLOAT64, shipping_value_in_usd FLOAT64, shipping_value FLOAT64, tax_value_in_usd FLOAT64, tax_value FLOAT64, unique_items INT64, transaction_id STRING>,
  items ARRAY<STRUCT<item_id STRING, item_name STRING, item_brand STRING, item_variant STRING, item_category STRING, item_category2 STRING, item_category3 STRING, item_category4 STRING, item_category5 STRING, price_in_usd FLOAT64, price FLOAT64, quantity INT64, item_revenue_in_usd FLOAT64, item_revenue FLOAT64, item_refund_in_usd FLOAT64, item_refund FLOAT64, coupon STRING, affiliation STRING, location_id STRING, item_list_id STRING, item_list_name STRING, item_list_index STRING, promotion_id STRING, promotion_name STRING, creative_name STRING, creative_slot STRING>>,
  -- DEVIATION: the columns below are not in the public sample (added by Google later).
  -- collected_traffic_source (since 2023): the raw per-event campaign values.
  collected_traffic_source STRUCT<
    manual_campaign_id STRING,
    manual_campaign_name STRING,
    manual_source STRING,
    manual_medium STRING,
    manual_term STRING,
    manual_content STRING,
    manual_source_platform STRING,
    manual_creative_format STRING,
    manual_marketing_tactic STRING,
    gclid STRING,
    dclid STRING,
    srsltid STRING
  >,
  is_active_user BOOL,  -- DEVIATION: added later; daily shards only
  batch_event_index INT64,  -- DEVIATION: batch_* added mid-2024; with event_timestamp they order a page's events
  batch_ordering_id INT64,  -- DEVIATION: added mid-2024
  batch_page_id INT64,  -- DEVIATION: added mid-2024
  -- DEVIATION: added 2024-07-17, daily shards only: GA4's own last-click session attribution.
  session_traffic_source_last_click STRUCT<
    manual_campaign STRUCT<
      campaign_id STRING,
      campaign_name STRING,
      source STRING,
      medium STRING,
      term STRING,
      content STRING,
      source_platform STRING,
      creative_format STRING,
      marketing_tactic STRING
    >,
    google_ads_campaign STRUCT<
      customer_id STRING,
      account_name STRING,
      campaign_id STRING,
      campaign_name STRING,
      ad_group_id STRING,
      ad_group_name STRING
    >,
    cross_channel_campaign STRUCT<
      campaign_id STRING,
      campaign_name STRING,
      source STRING,
      medium STRING,
      source_platform STRING,
      default_channel_group STRING,  -- since 2024-10-10
      primary_channel_group STRING  -- since 2024-10-10
    >
  >
);
