{{ config(severity='warn') }}

{#- Names every daily GA4 shard (of those a run reads, of every GA4 property) whose
    traffic-source columns are missing or empty on every row: traffic_source (in every daily
    export), and collected_traffic_source (since mid-2023) or session_traffic_source_last_click
    (since 2024-07) once an earlier shard of the property had them - a shard older than a column
    is expected to lack it, a newer one is not. Without them a session's source comes only from
    the page's UTM parameters, and sessions without UTMs move to Direct. -#}

with

per_shard as (

    {%- for property in sam.ga4_properties() %}
        {% if not loop.first %}union all{% endif %}
        select
            cast('{{ property.property_id }}' as {{ sam.type_string() }}) as property_id,
            _table_suffix,
            count(*) as shard_rows,
            sum(case when traffic_source is not null then 1 else 0 end) as with_traffic_source,
            sum(case when collected_traffic_source is not null then 1 else 0 end)
                as with_collected_traffic_source,
            sum(case when session_traffic_source_last_click is not null then 1 else 0 end)
                as with_session_traffic_source_last_click
        from {{ sam.ga4_shard_relation('daily', property) }} as shard
        where {{ sam.ga4_test_shard_filter('daily') }}
        group by _table_suffix
    {%- endfor %}

),

first_shards as (

    -- the first shard of the window that has each column, per property
    select
        property_id,
        min(case when with_collected_traffic_source > 0 then _table_suffix end)
            as first_with_collected_traffic_source,
        min(case when with_session_traffic_source_last_click > 0 then _table_suffix end)
            as first_with_session_traffic_source_last_click
    from per_shard
    group by property_id

),

checked as (

    select
        per_shard.property_id,
        concat('events_2', per_shard._table_suffix) as shard,
        per_shard.shard_rows,
        per_shard.with_traffic_source = 0 as lacks_traffic_source,
        per_shard.with_collected_traffic_source = 0
        and per_shard._table_suffix > first_shards.first_with_collected_traffic_source
            as lacks_collected_traffic_source,
        per_shard.with_session_traffic_source_last_click = 0
        and per_shard._table_suffix > first_shards.first_with_session_traffic_source_last_click
            as lacks_session_traffic_source_last_click
    from per_shard
    inner join first_shards on per_shard.property_id = first_shards.property_id

)

select * from checked
where lacks_traffic_source
    or lacks_collected_traffic_source
    or lacks_session_traffic_source_last_click
