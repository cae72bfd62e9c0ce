{#- A select of one row per calendar day (column date_day, type date) from start to end
    inclusive, for each row of `relation` (start and end are expressions over its columns).
    BigQuery builds the days with generate_date_array and a correlated unnest; DuckDB's
    generate_series yields timestamps, cast back to dates. -#}
{% macro date_series(relation, start_date, end_date) -%}
    {{ return(adapter.dispatch('date_series', 'sam')(relation, start_date, end_date)) }}
{%- endmacro %}

{% macro default__date_series(relation, start_date, end_date) -%}
    select date_day
    from {{ relation }}
    cross join unnest(generate_date_array({{ start_date }}, {{ end_date }})) as date_day
{%- endmacro %}

{% macro duckdb__date_series(relation, start_date, end_date) -%}
    select cast(unnest(generate_series(
        cast({{ start_date }} as date), cast({{ end_date }} as date), interval 1 day
    )) as date) as date_day
    from {{ relation }}
{%- endmacro %}
