{#- Any value (struct, array) as JSON text: used to fingerprint whole events. The text differs
    between engines, so fingerprints are stable within an engine, not across engines. -#}
{% macro to_json_string(expr) -%}
    {{ return(adapter.dispatch('to_json_string', 'sam')(expr)) }}
{%- endmacro %}

{% macro default__to_json_string(expr) -%}
    to_json_string({{ expr }})
{%- endmacro %}

{% macro duckdb__to_json_string(expr) -%}
    cast(to_json({{ expr }}) as varchar)
{%- endmacro %}
