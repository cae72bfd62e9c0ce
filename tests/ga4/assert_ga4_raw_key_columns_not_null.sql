{#- The key columns of the daily GA4 shards are never NULL - read only on the shards a run
    reads (sam.ga4_test_shard_filter: an unbounded test on the `events_2*` wildcard would scan,
    and bill, every shard ever exported on each run). Returns each shard x column with NULLs. -#}

{%- set key_columns = ['_table_suffix', 'event_date', 'event_timestamp', 'event_name'] -%}

with

shard_rows as (

    select * from {{ sam.ga4_shard_relation('daily') }} as shard
    where {{ sam.ga4_test_shard_filter('daily') }}

),

null_keys as (

    {%- for column in key_columns %}
        {% if not loop.first %}union all{% endif %}
        select
            _table_suffix,
            '{{ column }}' as column_name
        from shard_rows
        where {{ column }} is null
    {%- endfor %}

)

select
    _table_suffix,
    column_name,
    count(*) as null_rows
from null_keys
group by _table_suffix, column_name
