{{ config(**sam.ga4_incremental_config('session_date', ['channel'])) }}

{%- set session_window = sam.ga4_session_window() %}

{#- The end model of sessions for BI and the marts: int_ga4__sessions (the intermediate layer's
    session model, which identity, touchpoints, journeys and form submits read) as it is.
    Incremental by session date like it: a run copies the sessions of the window
    int_ga4__sessions rewrote (ga4_session_window, anchored on this table's newest session date,
    which is int_ga4__sessions' before the same run). -#}

select
    session_key,
    property_id,
    stream_id,
    user_pseudo_id,
    user_id,
    ga_session_id,
    ga_session_number,
    session_start_at,
    session_end_at,
    session_date,
    is_crossing_midnight,
    landing_page,
    source,
    medium,
    campaign,
    gclid,
    source_rule,
    channel,
    channel_rule,
    is_engaged,
    engagement_time_msec,
    page_views,
    events,
    has_intraday_events
from {{ ref('int_ga4__sessions') }}
{{ sam.ga4_session_window_filter(session_window, 'session_date', 'rewrite', 'where') }}
