{#- The key columns of the daily GA4 shards are never NULL - read only on the shards a run
    reads (sam.ga4_test_shard_filter: an unbounded test on the `events_2*` wildcard would scan,
    and bill, every shard ever exported on each run). Returns each shard x column with NULLs. -#}

{%- set key_columns = ['_table_suffix', 'event_date', 'event_timestamp', 'event_name'] -%}

with

per_shard as (

    select
        _table_suffix,
        {%- for column in key_columns %}
            sum(case when {{ column }} is null then 1 else 0 end) as null_{{ column }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ sam.ga4_shard_relation('daily') }} as shard
    where {{ sam.ga4_test_shard_filter('daily') }}
    group by _table_suffix

)

{%- for column in key_columns %}
    {% if not loop.first %}union all{% endif %}
    select
        _table_suffix,
        '{{ column }}' as column_name,
        null_{{ column }} as null_rows
    from per_shard
    where null_{{ column }} > 0
{%- endfor %}
