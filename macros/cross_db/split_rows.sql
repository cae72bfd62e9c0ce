{#- A FROM-clause item with one row per element of a delimited string, the element in a column
    named `column` (a lateral unnest: `cross join {{ sam.split_rows(...) }}`). It turns a list
    kept in one text column (HubSpot's ';'-separated merged ids) into rows an equality join can
    use, instead of a LIKE join of every row against every list (quadratic). Elements are not
    trimmed; an empty string gives one empty element, NULL none. BigQuery: UNNEST(SPLIT(...));
    DuckDB: unnest(string_split(...)) as a one-column table. -#}
{% macro split_rows(expr, delimiter, column) -%}
    {{ return(adapter.dispatch('split_rows', 'sam')(expr, delimiter, column)) }}
{%- endmacro %}

{% macro default__split_rows(expr, delimiter, column) -%}
    unnest(split({{ expr }}, '{{ delimiter }}')) as {{ column }}
{%- endmacro %}

{% macro duckdb__split_rows(expr, delimiter, column) -%}
    unnest(string_split({{ expr }}, '{{ delimiter }}')) as {{ column }}_rows ({{ column }})
{%- endmacro %}
