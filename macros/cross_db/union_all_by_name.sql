{#- UNION ALL matching columns by name, a column one side lacks being NULL there: DuckDB
    `union all by name`, GoogleSQL `full union all by name`. -#}
{% macro union_all_by_name() -%}
    {{ return(adapter.dispatch('union_all_by_name', 'sam')()) }}
{%- endmacro %}

{% macro default__union_all_by_name() -%}
    full union all by name
{%- endmacro %}

{% macro duckdb__union_all_by_name() -%}
    union all by name
{%- endmacro %}
