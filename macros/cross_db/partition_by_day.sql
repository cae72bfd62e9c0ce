{#- The partition config of a date-partitioned model: BigQuery partitions by day (so incremental
    runs overwrite and queries prune whole days); DuckDB tables have no partitions (dbt-duckdb
    reads partition_by for its own partitioned writes, in another shape), so none there. -#}
{% macro partition_by_day(field) -%}
    {{ return(adapter.dispatch('partition_by_day', 'sam')(field)) }}
{%- endmacro %}

{% macro default__partition_by_day(field) -%}
    {{ return({'field': field, 'data_type': 'date', 'granularity': 'day'}) }}
{%- endmacro %}

{% macro duckdb__partition_by_day(field) -%}
    {{ return(none) }}
{%- endmacro %}
