{#- SHA-256 of a string as 64 lower-case hex characters (the demo's GA4 user_id convention for a
    normalised e-mail). NULL gives NULL. -#}
{% macro sha256_hex(expr) -%}
    {{ return(adapter.dispatch('sha256_hex', 'sam')(expr)) }}
{%- endmacro %}

{% macro default__sha256_hex(expr) -%}
    to_hex(sha256({{ expr }}))
{%- endmacro %}

{% macro duckdb__sha256_hex(expr) -%}
    sha256({{ expr }})
{%- endmacro %}
