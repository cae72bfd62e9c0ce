{#- A UTC timestamp from integer microseconds since the epoch (GA4's event_timestamp). -#}
{% macro timestamp_from_micros(expr) -%}
    {{ return(adapter.dispatch('timestamp_from_micros', 'sam')(expr)) }}
{%- endmacro %}

{% macro default__timestamp_from_micros(expr) -%}
    timestamp_micros({{ expr }})
{%- endmacro %}

{% macro duckdb__timestamp_from_micros(expr) -%}
    make_timestamp({{ expr }})
{%- endmacro %}
