{#- Root-project override of dbt's is_incremental().
    The offline BigQuery compile check has no warehouse to ask whether a relation exists (dbt's
    version would hang waiting for it), so it sets `sam_offline_is_incremental` to true or false
    and compiles both branches. In real runs the var is null and dbt's own answer is used. -#}
{% macro is_incremental() %}
    {%- set offline = var('sam_offline_is_incremental') -%}
    {%- if offline is not none -%}
        {{ return(offline | string | lower in ['true', '1']) }}
    {%- endif -%}
    {{ return(dbt.is_incremental()) }}
{% endmacro %}
