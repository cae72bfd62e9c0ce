{{
    config(
        materialized='incremental',
        incremental_strategy=sam.partition_overwrite_strategy(),
        unique_key='event_date_dt',
        partition_by=sam.partition_by_day('event_date_dt'),
        cluster_by=['event_name', 'user_pseudo_id'],
        on_schema_change='append_new_columns',
        full_refresh=sam.allow_full_refresh(),
    )
}}
{{- sam.ga4_base_upgrade_check() }}

{#- The only model that reads the GA4 export. Incremental by event date: each run rewrites the
    dates of the shards it reads (see ga4_shard_window), so late events and intraday -> daily
    replacement land without duplicates. -#}

with

extracted as {{ sam.cte_not_materialized() }} (

    -- Daily shards, plus intraday shards when there are any (ga4_shard_kinds), each read through
    -- its own source with the shard filter on the wildcard itself so that BigQuery prunes.
    -- Columns intraday shards lack are typed NULLs there (ga4_daily_only). One such select per
    -- GA4 property (var sam_ga4_properties; default: the `ga4` source), tagged with property_id.
    {%- for property, kind in sam.ga4_shard_reads() %}
        {% if not loop.first %}union all{% endif %}
        select
            -- property
            cast('{{ property.property_id }}' as {{ sam.type_string() }}) as property_id,

            -- shard
            {{ sam.ga4_shard_suffix(kind) }} as shard_suffix,
            {{ 'false' if kind == 'daily' else 'true' }} as is_intraday_shard,

            -- event
            cast(
                concat(substr(event_date, 1, 4), '-', substr(event_date, 5, 2), '-', substr(event_date, 7, 2))
                as date
            ) as event_date_dt,
            event_timestamp,
            event_name,
            event_previous_timestamp,
            event_value_in_usd,
            event_bundle_sequence_id,
            batch_page_id,
            batch_ordering_id,
            batch_event_index,

            -- visitor
            cast(stream_id as {{ sam.type_string() }}) as stream_id,
            platform,
            user_pseudo_id,
            user_id,
            user_first_touch_timestamp,
            privacy_info.analytics_storage as privacy_analytics_storage,
            privacy_info.ads_storage as privacy_ads_storage,
            device.category as device_category,
            device.operating_system as device_operating_system,
            device.web_info.browser as device_browser,
            device.language as device_language,
            geo.country as geo_country,
            geo.region as geo_region,
            geo.city as geo_city,

            -- event parameters
            {{ sam.ga4_event_param('ga_session_id', 'int_value') }} as ga_session_id,
            {{ sam.ga4_event_param('ga_session_number', 'int_value') }} as ga_session_number,
            {{ sam.ga4_event_param('page_location') }} as page_location,
            {{ sam.ga4_event_param('page_referrer') }} as page_referrer,
            {{ sam.ga4_event_param('page_title') }} as page_title,
            {{ sam.ga4_event_param('engagement_time_msec', 'int_value') }} as engagement_time_msec,
            {{ sam.ga4_event_param('session_engaged', 'string') }} as session_engaged_param,
            {{ sam.ga4_event_param('entrances', 'int_value') }} as entrances,
            {{ sam.ga4_event_param('source') }} as param_source,
            {{ sam.ga4_event_param('medium') }} as param_medium,
            {{ sam.ga4_event_param('campaign') }} as param_campaign,
            {{ sam.ga4_event_param('term') }} as param_term,
            {{ sam.ga4_event_param('content') }} as param_content,
            {{ sam.ga4_event_param('gclid') }} as param_gclid,
            {{ sam.ga4_event_param('form_id') }} as form_id,
            {{ sam.ga4_event_param('form_name') }} as form_name,
            {{ sam.ga4_event_param('form_destination') }} as form_destination,
            {{ sam.ga4_event_param('value', 'number') }} as event_value,
            {{ sam.ga4_event_param('currency') }} as event_currency,
            {%- for key in var('sam_ga4_extra_event_params') %}
        {{ sam.ga4_event_param(key, 'string') }} as {{ adapter.quote('param_' ~ key) }},
        {%- endfor %}

            -- traffic source: the user's first acquisition (never changes; intraday: NULL)
            {{ sam.ga4_daily_only(kind, 'traffic_source.source') }} as first_user_source,
            {{ sam.ga4_daily_only(kind, 'traffic_source.medium') }} as first_user_medium,
            {{ sam.ga4_daily_only(kind, 'traffic_source.name') }} as first_user_campaign,

            -- traffic source: raw per-event values (since mid-2023)
            collected_traffic_source.manual_source as collected_source,
            collected_traffic_source.manual_medium as collected_medium,
            collected_traffic_source.manual_campaign_name as collected_campaign,
            collected_traffic_source.manual_campaign_id as collected_campaign_id,
            collected_traffic_source.manual_term as collected_term,
            collected_traffic_source.manual_content as collected_content,
            collected_traffic_source.gclid as collected_gclid,

            -- traffic source: GA4's own session last click (daily shards since 2024-07; intraday: NULL)
            {{ sam.ga4_daily_only(kind, 'session_traffic_source_last_click.cross_channel_campaign.source') }}
                as last_click_source,
            {{ sam.ga4_daily_only(kind, 'session_traffic_source_last_click.cross_channel_campaign.medium') }}
                as last_click_medium,
            {{ sam.ga4_daily_only(kind, 'session_traffic_source_last_click.cross_channel_campaign.campaign_name') }}
                as last_click_campaign,
            {{ sam.ga4_daily_only(kind, 'session_traffic_source_last_click.cross_channel_campaign.campaign_id') }}
                as last_click_campaign_id,
        {{ sam.ga4_daily_only(
            kind, 'session_traffic_source_last_click.cross_channel_campaign.default_channel_group'
        ) }} as last_click_default_channel_group,
            {{ sam.ga4_daily_only(kind, 'session_traffic_source_last_click.google_ads_campaign.campaign_id') }}
                as last_click_google_ads_campaign_id,

            -- the parameters, for the event key (ga4_deduplicate computes event_key from them and
            -- the other key columns, and does not return them)
            event_params,
            {{ sam.ga4_row_in_shard() }} as row_in_shard

        from {{ sam.ga4_shard_relation(kind, property) }} as export
        where {{ sam.ga4_shard_filter(kind) }}
    {%- endfor %}

),

daily_shards as (

    -- An intraday shard counts only until the daily shard of its date exists (in its property).
    select distinct
        property_id,
        shard_suffix as shard_date
    from extracted
    where not is_intraday_shard

),

current_shards as {{ sam.cte_not_materialized() }} (

    select extracted.*
    from extracted
    where
        not extracted.is_intraday_shard
        or concat(extracted.property_id, '|', substr(extracted.shard_suffix, 10)) not in (
            select concat(daily_shards.property_id, '|', daily_shards.shard_date) from daily_shards
        )

),

deduplicated as (

    -- Exact duplicates (same user, time, name, batch position and parameters) are one event;
    -- duplicate_rows counts the copies it absorbed (the duplicates bucket of the coverage
    -- report). Filtering after the shard filter keeps BigQuery's pruning intact.
    {{ sam.ga4_deduplicate('current_shards') }}

),

session_keyed as (

    select
        *,
        -- ga_session_id alone repeats across visitors (it is a start second): the session is
        -- (property, stream, visitor, ga_session_id). Cookieless pings (no user_pseudo_id) and events
        -- without ga_session_id cannot be sessionized: no key and a reason, never one shared
        -- NULL "visitor".
        case
            when user_pseudo_id is not null and ga_session_id is not null
                then {{ sam.row_fingerprint(['property_id', 'stream_id', 'user_pseudo_id', 'ga_session_id']) }}
        end as session_key,
        case
            when user_pseudo_id is null then 'cookieless'
            when ga_session_id is null then 'no_session_id'
        end as unsessionized_reason
    from deduplicated

)

select * from session_keyed
