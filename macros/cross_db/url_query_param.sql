{#- The raw value of query parameter `name` in a URL (utm_source, gclid, ...), NULL if absent.
    BigQuery's regexp_extract returns the single capturing group (its third argument is a
    position); DuckDB's returns the whole match unless asked for group 1. -#}
{% macro url_query_param(url, name) -%}
    {{ return(adapter.dispatch('url_query_param', 'sam')(url, name)) }}
{%- endmacro %}

{% macro default__url_query_param(url, name) -%}
    nullif(regexp_extract({{ url }}, r'[?&]{{ name }}=([^&#]*)'), '')
{%- endmacro %}

{% macro duckdb__url_query_param(url, name) -%}
    nullif(regexp_extract({{ url }}, '[?&]{{ name }}=([^&#]*)', 1), '')
{%- endmacro %}
