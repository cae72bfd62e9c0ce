{#- Guard against an accidental --full-refresh of expensive incremental models in production.
    On a target named in sam_protected_targets, --full-refresh is ignored (dbt's full_refresh:
    false) unless the run sets --vars '{sam_allow_full_refresh: true}'. Elsewhere dbt decides. -#}
{% macro allow_full_refresh() %}
    {%- if target.name in var('sam_protected_targets') and not var('sam_allow_full_refresh') -%}
        {{ return(false) }}
    {%- endif -%}
    {{ return(none) }}
{% endmacro %}
