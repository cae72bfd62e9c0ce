{#- The incremental strategy that replaces whole date partitions: BigQuery's insert_overwrite.
    DuckDB has none; delete+insert keyed on the partition date deletes every row of each date the
    new batch carries, then inserts the batch: the same result. -#}
{% macro partition_overwrite_strategy() -%}
    {{ return(adapter.dispatch('partition_overwrite_strategy', 'sam')()) }}
{%- endmacro %}

{% macro default__partition_overwrite_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}

{% macro duckdb__partition_overwrite_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}
