{#- dbt's duckdb safe_cast renders a plain cast, which errors on bad input; SAM needs NULL. -#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
