{#- Every row of the GA4 export that SAM reads is in a session or in a counted bucket.
    Independent of base_ga4__events' own logic: raw rows are counted straight from the source,
    duplicates by a fingerprint of the whole row, and intraday shards only for dates without a daily shard.
    Returns the dates whose counts disagree. -#}

with

raw as (

    {%- for kind in sam.ga4_shard_kinds() %}
        {% if not loop.first %}union all{% endif %}
        select
            {{ sam.ga4_shard_suffix(kind) }} as shard_suffix,
            {{ sam.value_fingerprint('raw_row') }} as row_fingerprint
        from {{ sam.ga4_shard_relation(kind) }} as raw_row
    {%- endfor %}

),

daily_dates as (

    select distinct shard_suffix as shard_date
    from raw
    where shard_suffix not like 'intraday%'

),

raw_read as (

    select
        case when shard_suffix like 'intraday%' then substr(shard_suffix, 10) else shard_suffix end
            as shard_date,
        row_fingerprint
    from raw
    where
        shard_suffix not like 'intraday%'
        or substr(shard_suffix, 10) not in (select daily_dates.shard_date from daily_dates)

),

raw_per_day as (

    select
        cast(
            concat(substr(shard_date, 1, 4), '-', substr(shard_date, 5, 2), '-', substr(shard_date, 7, 2))
            as date
        ) as event_date_dt,
        count(*) as raw_rows,
        count(distinct row_fingerprint) as raw_distinct_rows
    from raw_read
    group by shard_date

),

coverage as (

    select * from {{ ref('rpt_ga4__event_coverage') }}

),

sessions as (

    select sum(events) as events_in_sessions from {{ ref('fct_sessions') }}

),

compared as (

    select
        coalesce(raw_per_day.event_date_dt, coverage.event_date_dt) as event_date_dt,
        raw_per_day.raw_rows,
        raw_per_day.raw_distinct_rows,
        coverage.exported_rows,
        coverage.distinct_events,
        coverage.sessionized_events + coverage.cookieless_events + coverage.no_session_id_events
            as events_in_buckets
    from raw_per_day
    full outer join coverage on raw_per_day.event_date_dt = coverage.event_date_dt

)

select
    'per_day' as check_name,
    compared.*
from compared
where
    raw_rows is null
    or exported_rows is null
    or raw_rows != exported_rows
    or raw_distinct_rows != distinct_events
    or distinct_events != events_in_buckets

union all

select
    'sessions_hold_every_sessionized_event' as check_name,
    cast(null as date) as event_date_dt,
    (select sum(coverage.sessionized_events) from coverage) as raw_rows,
    sessions.events_in_sessions as raw_distinct_rows,
    null as exported_rows,
    null as distinct_events,
    null as events_in_buckets
from sessions
where sessions.events_in_sessions != (select sum(coverage.sessionized_events) from coverage)
