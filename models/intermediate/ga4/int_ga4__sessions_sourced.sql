-- A table, not ephemeral: dbt unit tests need a relation, and its data tests and two
-- downstream models would each recompute the session windows of a view. Incremental by session
-- date: a run re-derives the sessions of the late-days window whole (ga4_session_window).
{{ config(**sam.ga4_incremental_config('session_date', ['session_key'])) }}

{%- set session_window = sam.ga4_session_window() %}

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

sessions as (

    select
        session_key,
        min(event_date_dt) as session_date
    from events
    group by session_key

),

-- GA4's own session attribution, where the shard carries it.
ga4_last_click as (

    select
        session_key,
        last_click_source as source,
        last_click_medium as medium,
        last_click_campaign as campaign,
        last_click_default_channel_group as native_channel_group
    from events
    where last_click_source is not null
    qualify row_number() over (
            partition by session_key
            order by {{ sam.ga4_event_order() }}
        ) = 1

),

-- Else the first event of the session that carries a campaign tag.
first_tagged as (

    select
        session_key,
        tagged_source as source,
        tagged_medium as medium,
        tagged_campaign as campaign,
        tag_origin
    from events
    where tagged_source is not null
    qualify row_number() over (
            partition by session_key
            order by {{ sam.ga4_event_order() }}
        ) = 1

),

first_gclid as (

    select
        session_key,
        gclid
    from events
    where gclid is not null
    qualify row_number() over (
            partition by session_key
            order by {{ sam.ga4_event_order() }}
        ) = 1

),

-- The Google Ads campaign GA4's last click names (export column since 2024-07-17).
first_google_ads_campaign as (

    select
        session_key,
        last_click_google_ads_campaign_id as google_ads_campaign_id
    from events
    where last_click_google_ads_campaign_id is not null
    qualify row_number() over (
            partition by session_key
            order by {{ sam.ga4_event_order() }}
        ) = 1

),

chosen as (

    select
        sessions.session_key,
        sessions.session_date,
        first_gclid.gclid,
        first_google_ads_campaign.google_ads_campaign_id,
        coalesce(ga4_last_click.source, first_tagged.source) as found_source,
        case when ga4_last_click.source is not null then ga4_last_click.medium else first_tagged.medium end
            as found_medium,
        case when ga4_last_click.source is not null then ga4_last_click.campaign else first_tagged.campaign end
            as found_campaign,
        ga4_last_click.native_channel_group,
        case
            when ga4_last_click.source is not null then 'ga4_last_click'
            when first_tagged.source is not null then first_tagged.tag_origin
        end as found_by
    from sessions
    left join ga4_last_click on sessions.session_key = ga4_last_click.session_key
    left join first_tagged on sessions.session_key = first_tagged.session_key
    left join first_gclid on sessions.session_key = first_gclid.session_key
    left join first_google_ads_campaign on sessions.session_key = first_google_ads_campaign.session_key

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
    from chosen

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
