{#- The partition config of a date-partitioned model: BigQuery partitions by day (so incremental
    runs overwrite and queries prune whole days); DuckDB tables have no partitions (dbt-duckdb
    reads partition_by for its own partitioned writes, in another shape), so none there.
    data_type: 'date', or 'timestamp' for a model whose day is the UTC day of a timestamp. -#}
{% macro partition_by_day(field, data_type='date') -%}
    {{ return(adapter.dispatch('partition_by_day', 'sam')(field, data_type)) }}
{%- endmacro %}

{% macro default__partition_by_day(field, data_type='date') -%}
    {{ return({'field': field, 'data_type': data_type, 'granularity': 'day'}) }}
{%- endmacro %}

{% macro duckdb__partition_by_day(field, data_type='date') -%}
    {{ return(none) }}
{%- endmacro %}
