{#- The key columns of the daily GA4 shards are never NULL - read only on the shards a run
    reads (sam.ga4_test_shard_filter: an unbounded test on the `events_2*` wildcard would scan,
    and bill, every shard ever exported on each run), of every GA4 property (var
    sam_ga4_properties, else the `ga4` source). Returns each property x shard x column with NULLs. -#}

{%- set key_columns = ['_table_suffix', 'event_date', 'event_timestamp', 'event_name'] -%}

with

{#- the pseudo-column named on its own: BigQuery's `select *` on a wildcard table leaves it out.
    Read once per key column: not materialized on DuckDB, which would otherwise hold every raw
    row's key columns (~100 M rows at 100 M events); each read is the four narrow columns. #}
shard_rows as {{ sam.cte_not_materialized() }} (

    {%- for property in sam.ga4_properties() %}
        {% if not loop.first %}union all{% endif %}
        select
            cast('{{ property.property_id }}' as {{ sam.type_string() }}) as property_id,
            _table_suffix as shard_suffix,
            {{ key_columns[1:] | join(',\n            ') }}
        from {{ sam.ga4_shard_relation('daily', property) }} as shard
        where {{ sam.ga4_test_shard_filter('daily') }}
    {%- endfor %}

),

null_keys as (

    {%- for column in key_columns %}
        {% if not loop.first %}union all{% endif %}
        select
            property_id,
            shard_suffix,
            '{{ column }}' as column_name
        from shard_rows
        where {{ 'shard_suffix' if column == '_table_suffix' else column }} is null
    {%- endfor %}

)

select
    property_id,
    shard_suffix,
    column_name,
    count(*) as null_rows
from null_keys
group by property_id, shard_suffix, column_name
