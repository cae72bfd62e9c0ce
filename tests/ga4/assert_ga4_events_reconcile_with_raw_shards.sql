{#- Every row of the GA4 export that SAM reads is in a session or in a counted bucket.
    Independent of base_ga4__events' own logic: raw rows are counted straight from the source,
    duplicates by the same event key the model uses (sam.ga4_event_key: rows differing only in
    fields GA4 resends, such as event_bundle_sequence_id, are one event), and intraday shards
    only for dates without a daily shard (of the same property). Every GA4 property is read
    (sam.ga4_shard_reads: var sam_ga4_properties, else the `ga4` source), counted per property and
    summed per day. Only the shards a run reads (sam.ga4_test_shard_window) are read and
    compared. Returns the dates whose counts disagree; a day without a shard must be a zero row of
    the coverage report. -#}

{%- set first, last = sam.ga4_test_shard_window() -%}
{%- set first_day = first[:4] ~ '-' ~ first[4:6] ~ '-' ~ first[6:] -%}
{%- set last_day = last[:4] ~ '-' ~ last[4:6] ~ '-' ~ last[6:] -%}
{%- set bounds = [] -%}
{%- if first != '00000000' -%}
    {%- do bounds.append("event_date_dt >= cast('" ~ first_day ~ "' as date)") -%}
{%- endif -%}
{%- if last != '99999999' -%}
    {%- do bounds.append("event_date_dt <= cast('" ~ last_day ~ "' as date)") -%}
{%- endif -%}

with

-- Read twice (the daily dates, the rows): not materialized on DuckDB, which would otherwise hold
-- every raw row's fingerprint (~100 M at 100 M events) while the build's other thread runs; the
-- second read is the shard names only.
raw as {{ sam.cte_not_materialized() }} (

    {%- for property, kind in sam.ga4_shard_reads() %}
        {% if not loop.first %}union all{% endif %}
        select
            cast('{{ property.property_id }}' as {{ sam.type_string() }}) as property_id,
            {{ sam.ga4_shard_suffix(kind) }} as shard_suffix,
            {{ sam.ga4_event_key() }} as row_fingerprint
        from {{ sam.ga4_shard_relation(kind, property) }} as raw_row
        where {{ sam.ga4_test_shard_filter(kind) }}
    {%- endfor %}

),

daily_dates as (

    select distinct
        property_id,
        shard_suffix as shard_date
    from raw
    where shard_suffix not like 'intraday%'

),

raw_read as (

    select
        property_id,
        case when shard_suffix like 'intraday%' then substr(shard_suffix, 10) else shard_suffix end
            as shard_date,
        row_fingerprint
    from raw
    where
        shard_suffix not like 'intraday%'
        or concat(property_id, '|', substr(shard_suffix, 10)) not in (
            select concat(daily_dates.property_id, '|', daily_dates.shard_date) from daily_dates
        )

),

raw_per_property_day as (

    select
        shard_date,
        count(*) as raw_rows,
        count(distinct row_fingerprint) as raw_distinct_rows
    from raw_read
    group by property_id, shard_date

),

raw_per_day as (

    select
        cast(
            concat(substr(shard_date, 1, 4), '-', substr(shard_date, 5, 2), '-', substr(shard_date, 7, 2))
            as date
        ) as event_date_dt,
        sum(raw_rows) as raw_rows,
        sum(raw_distinct_rows) as raw_distinct_rows
    from raw_per_property_day
    group by shard_date

),

all_coverage as (

    select * from {{ ref('rpt_ga4__event_coverage') }}

),

coverage as (

    select * from all_coverage
    where {{ bounds | join(' and ') if bounds else 'true' }}

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
    exported_rows is null
    or coalesce(raw_rows, 0) != exported_rows
    or coalesce(raw_distinct_rows, 0) != distinct_events
    or distinct_events != events_in_buckets

union all

select
    'sessions_hold_every_sessionized_event' as check_name,
    cast(null as date) as event_date_dt,
    (select sum(all_coverage.sessionized_events) from all_coverage) as raw_rows,
    sessions.events_in_sessions as raw_distinct_rows,
    null as exported_rows,
    null as distinct_events,
    null as events_in_buckets
from sessions
where sessions.events_in_sessions != (select sum(all_coverage.sessionized_events) from all_coverage)
