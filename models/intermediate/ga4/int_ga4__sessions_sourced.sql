-- A table, not ephemeral: dbt unit tests need a relation, and its data tests and two
-- downstream models would each recompute the session windows of a view. Incremental by session
-- date: a run re-derives the sessions of the late-days window whole (ga4_session_window).
{{ config(**sam.ga4_incremental_config('session_date', ['session_key'])) }}

{%- set session_window = sam.ga4_session_window() %}
{%- set order = sam.ga4_event_order_columns() %}

with

events as (

    select
        *,
        -- The event's own campaign tag: event parameters first, then collected_traffic_source,
        -- then utm_* parsed from the URL. Medium and campaign come from the same place as source.
        coalesce(param_source, collected_source, url_utm_source) as tagged_source,
        case
            when param_source is not null then param_medium
            when collected_source is not null then collected_medium
            else url_utm_medium
        end as tagged_medium,
        case
            when param_source is not null then param_campaign
            when collected_source is not null then collected_campaign
            else url_utm_campaign
        end as tagged_campaign,
        case
            when param_source is not null then 'event_params'
            when collected_source is not null then 'collected_traffic_source'
            when url_utm_source is not null then 'page_location_utm'
        end as tag_origin
    from {{ ref('stg_ga4__events') }}
    where session_key is not null {{ sam.ga4_session_window_filter(session_window, 'event_date_dt', 'read') }}

),

-- One grouped pass over the session's events (first_by: the first event in ga4_event_order
-- that carries the value; one sort of every event per pick before issue 18).
chosen as (

    select
        session_key,
        min(event_date_dt) as session_date,
        -- GA4's own session attribution, where the shard carries it.
        {{ sam.first_by({
            'source': 'last_click_source',
            'medium': 'last_click_medium',
            'campaign': 'last_click_campaign',
            'native_channel_group': 'last_click_default_channel_group',
        }, order, 'last_click_source is not null') }} as last_click,
        -- Else the first event of the session that carries a campaign tag.
        {{ sam.first_by({
            'source': 'tagged_source',
            'medium': 'tagged_medium',
            'campaign': 'tagged_campaign',
            'origin': 'tag_origin',
        }, order, 'tagged_source is not null') }} as first_tagged,
        {{ sam.first_by('gclid', order, 'gclid is not null') }} as gclid,
        -- The Google Ads campaign GA4's last click names (export column since 2024-07-17).
        {{ sam.first_by('last_click_google_ads_campaign_id', order, 'last_click_google_ads_campaign_id is not null') }}
            as google_ads_campaign_id
    from events
    group by session_key

),

found as (

    select
        session_key,
        session_date,
        gclid,
        google_ads_campaign_id,
        coalesce(last_click.source, first_tagged.source) as found_source,
        case when last_click.source is not null then last_click.medium else first_tagged.medium end as found_medium,
        case when last_click.source is not null then last_click.campaign else first_tagged.campaign end
            as found_campaign,
        last_click.native_channel_group,
        case
            when last_click.source is not null then 'ga4_last_click'
            when first_tagged.source is not null then first_tagged.origin
        end as found_by
    from chosen

),

decided as (

    select
        *,
        -- An auto-tagged Google Ads click often arrives as google / organic, (direct) or untagged
        -- with a gclid in the URL: it is google / cpc. An explicit tag is kept: a non-Google
        -- source, and a Google paid medium (google / display is a Display click, not search).
        gclid is not null
        and (
            found_source is null
            or lower(found_source) = '(direct)'
            or (
                lower(found_source) = 'google'
                and lower(coalesce(found_medium, '')) in ('', 'organic', 'referral', '(none)', '(not set)')
            )
        ) as is_gclid_override
    from found

)

select
    session_key,
    session_date,
    case
        when is_gclid_override then 'google'
        else coalesce(found_source, '(direct)')
    end as source,
    case
        when is_gclid_override then 'cpc'
        when found_source is null then '(none)'
        else found_medium
    end as medium,
    found_campaign as campaign,
    gclid,
    google_ads_campaign_id,
    -- GA4's label no longer describes the session once the gclid rule changed its source.
    case when is_gclid_override then null else native_channel_group end as native_channel_group,
    case
        when is_gclid_override then 'gclid'
        when found_by is not null then found_by
        else 'direct'
    end as source_rule
from decided
{{ sam.ga4_session_window_filter(session_window, 'session_date', 'rewrite', 'where') }}
