{#- Where every exported GA4 event went, per event date: into a session, or into a named bucket
    (cookieless ping, no session id, exact duplicate, intraday row superseded by its daily shard
    is not counted: the daily shard replaces it). Reconciled with the raw shards by a data test. -#}

with

events as (

    select * from {{ ref('base_ga4__events') }}

)

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
