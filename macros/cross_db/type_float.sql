{#- dbt's duckdb type_float is 32-bit REAL; money and credits need 64-bit like BigQuery's FLOAT64. -#}
{% macro duckdb__type_float() -%}
    double
{%- endmacro %}
