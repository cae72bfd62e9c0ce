{#- Where every exported GA4 event went, per event date: into a session, or into a named bucket
    (cookieless ping, no session id, exact duplicate, intraday row superseded by its daily shard
    is not counted: the daily shard replaces it). Reconciled with the raw shards by a data test.
    Every day between the first and the last event date has a row: a day whose shard is missing
    or empty has 0 events and is_missing_day (a warn-level test names such days).

    Incremental by event date: a run recounts the days from the session window's rewrite date on
    (ga4_session_window: the late-days window base_ga4__events re-read, and one day more); older
    days keep their rows. The series of days starts at the first event date of all history (the
    older rows' first date, kept in this table) so that an incremental run adds no missing day
    before it. -#}
{{ config(**sam.ga4_incremental_config('event_date_dt', ['event_date_dt'])) }}

{%- set session_window = sam.ga4_session_window(date_column='event_date_dt') %}

with

events as (

    select * from {{ ref('base_ga4__events') }}
    {{ sam.ga4_session_window_filter(session_window, 'event_date_dt', 'rewrite', 'where') }}

),

per_day as (

    select
        event_date_dt,
        sum(1 + duplicate_rows) as exported_rows,
        count(*) as distinct_events,
        sum(duplicate_rows) as duplicate_rows,
        sum(case when session_key is not null then 1 else 0 end) as sessionized_events,
        sum(case when unsessionized_reason = 'cookieless' then 1 else 0 end) as cookieless_events,
        sum(case when unsessionized_reason = 'no_session_id' then 1 else 0 end) as no_session_id_events,
        count(distinct session_key) as sessions_with_events,
        max(case when is_intraday_shard then 1 else 0 end) = 1 as is_from_intraday_shard
    from events
    group by event_date_dt

),

bounds as (

    select
        {%- if session_window is none %}
            min(event_date_dt) as first_date,
        {%- else %}
            -- From the rewrite date on, or from the first day of all history when it is later.
            greatest(
                cast('{{ session_window[1] }}' as date),
                least(min(event_date_dt), (select min(stored.event_date_dt) from {{ this }} as stored))
            ) as first_date,
        {%- endif %}
        max(event_date_dt) as last_date
    from per_day
    having count(*) > 0

),

all_days as (

    {{ sam.date_series('bounds', 'first_date', 'last_date') }}

),

final as (

    select
        -- dates
        all_days.date_day as event_date_dt,

        -- numerics
        coalesce(per_day.exported_rows, 0) as exported_rows,
        coalesce(per_day.distinct_events, 0) as distinct_events,
        coalesce(per_day.duplicate_rows, 0) as duplicate_rows,
        coalesce(per_day.sessionized_events, 0) as sessionized_events,
        coalesce(per_day.cookieless_events, 0) as cookieless_events,
        coalesce(per_day.no_session_id_events, 0) as no_session_id_events,
        coalesce(per_day.sessions_with_events, 0) as sessions_with_events,

        -- booleans
        coalesce(per_day.is_from_intraday_shard, false) as is_from_intraday_shard,
        per_day.event_date_dt is null as is_missing_day

    from all_days
    left join per_day on all_days.date_day = per_day.event_date_dt

)

select * from final
