{{ config(**sam.ga4_incremental_config('session_date', ['channel', 'user_pseudo_id'])) }}

{%- set session_window = sam.ga4_session_window() %}

{#- The one session model the intermediate layer reads (identity, touchpoints, journeys, form
    submits); fct_sessions is its end-model copy for BI. Built from base_ga4__events' events
    (stg_ga4__events). Incremental by session date: a run re-derives whole every session
    that started on or after the window's first date (ga4_session_window: the late-days window
    and one more day, so that a session crossing midnight into a re-read shard is aggregated from
    all of its events); older sessions keep their rows. -#}

with

events as (

    select * from {{ ref('stg_ga4__events') }}
    where session_key is not null {{ sam.ga4_session_window_filter(session_window, 'event_date_dt', 'read') }}

),

sourced as (

    select * from {{ ref('int_ga4__sessions_sourced') }}
    {{ sam.ga4_session_window_filter(session_window, 'session_date', 'rewrite', 'where') }}

),

channels as (

    select * from {{ ref('int_ga4__session_channels') }}
    {{ sam.ga4_session_window_filter(session_window, 'session_date', 'rewrite', 'where') }}

),

aggregated as (

    select
        session_key,
        min(property_id) as property_id,
        min(stream_id) as stream_id,
        min(user_pseudo_id) as user_pseudo_id,
        -- The last user id the session saw (set after a login or a form submit).
        max(user_id) as user_id,
        min(ga_session_id) as ga_session_id,
        min(ga_session_number) as ga_session_number,
        min(event_at) as session_start_at,
        max(event_at) as session_end_at,
        min(event_date_dt) as session_date,
        -- Events on more than one date (min <> max: no distinct-count hash per session).
        coalesce(min(event_date_dt) <> max(event_date_dt), false) as is_crossing_midnight,
        -- The page of the session's first event that has one (first_by: ga4_event_order).
        {{ sam.first_by('page_location', sam.ga4_event_order_columns(), 'page_location is not null') }}
            as landing_page,
        count(*) as events,
        sum(case when event_name = 'page_view' then 1 else 0 end) as page_views,
        coalesce(sum(engagement_time_msec), 0) as engagement_time_msec,
        max(case when is_session_engaged_event then 1 else 0 end) = 1 as is_engaged,
        max(case when is_intraday_shard then 1 else 0 end) = 1 as has_intraday_events
    from events
    group by session_key

)

select
    aggregated.session_key,
    aggregated.property_id,
    aggregated.stream_id,
    aggregated.user_pseudo_id,
    aggregated.user_id,
    aggregated.ga_session_id,
    aggregated.ga_session_number,
    aggregated.session_start_at,
    aggregated.session_end_at,
    aggregated.session_date,
    aggregated.is_crossing_midnight,
    aggregated.landing_page,
    sourced.source,
    sourced.medium,
    sourced.campaign,
    sourced.gclid,
    sourced.source_rule,
    channels.channel,
    channels.channel_rule,
    aggregated.is_engaged,
    aggregated.engagement_time_msec,
    aggregated.page_views,
    aggregated.events,
    aggregated.has_intraday_events
from aggregated
left join sourced on aggregated.session_key = sourced.session_key
left join channels on aggregated.session_key = channels.session_key
{{ sam.ga4_session_window_filter(session_window, 'aggregated.session_date', 'rewrite', 'where') }}
