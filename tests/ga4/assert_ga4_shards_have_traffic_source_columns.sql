{{ config(severity='warn') }}

{#- Names every daily GA4 shard (of those a run reads) whose traffic-source columns are missing
    or empty on every row: traffic_source, collected_traffic_source (since mid-2023),
    session_traffic_source_last_click (since 2024-07). Without them a session's source comes only
    from the page's UTM parameters, and sessions without UTMs move to Direct. A shard older than
    a column is expected to lack it; a recent one lacking all of them is an export problem. -#}

with

per_shard as (

    select
        _table_suffix,
        count(*) as shard_rows,
        sum(case when traffic_source is not null then 1 else 0 end) as with_traffic_source,
        sum(case when collected_traffic_source is not null then 1 else 0 end)
            as with_collected_traffic_source,
        sum(case when session_traffic_source_last_click is not null then 1 else 0 end)
            as with_session_traffic_source_last_click
    from {{ sam.ga4_shard_relation('daily') }} as shard
    where {{ sam.ga4_test_shard_filter('daily') }}
    group by _table_suffix

)

select
    concat('events_2', _table_suffix) as shard,
    shard_rows,
    with_traffic_source = 0 as lacks_traffic_source,
    with_collected_traffic_source = 0 as lacks_collected_traffic_source,
    with_session_traffic_source_last_click = 0 as lacks_session_traffic_source_last_click
from per_shard
where with_traffic_source = 0
    or with_collected_traffic_source = 0
    or with_session_traffic_source_last_click = 0
