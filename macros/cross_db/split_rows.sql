{#- A subquery with one row per element of a delimited string, the element in a column named
    `column`, to cross join and alias (a correlated / lateral join: `cross join
    {{ sam.split_rows('t.list', ';', 'item') }} as items`, then `items.item`). It turns a list kept
    in one text column (HubSpot's ';'-separated merged ids) into rows an equality join can use,
    instead of a LIKE join of every row against every list (quadratic). Elements are not trimmed;
    an empty string gives one empty element, NULL none. BigQuery: UNNEST(SPLIT(...)); DuckDB:
    unnest(string_split(...)). -#}
{% macro split_rows(expr, delimiter, column) -%}
    {{ return(adapter.dispatch('split_rows', 'sam')(expr, delimiter, column)) }}
{%- endmacro %}

{% macro default__split_rows(expr, delimiter, column) -%}
    (select element as {{ column }} from unnest(split({{ expr }}, '{{ delimiter }}')) as element)
{%- endmacro %}

{% macro duckdb__split_rows(expr, delimiter, column) -%}
    (select unnest(string_split({{ expr }}, '{{ delimiter }}')) as {{ column }})
{%- endmacro %}
