{#- The columns of `columns` that a table built by an earlier run lacks (lower case), for the
    upgrade checks of incremental models (ga4_base_upgrade_check, ga4_session_window_upgrade): a
    table built before a column existed must be rebuilt, not appended to. Empty when there is
    nothing to check: outside a run or build that writes (`dbt compile`, the offline BigQuery check,
    which has no warehouse to ask), when the relation does not exist yet, or when it is a view
    (rebuilt whole every run). -#}
{% macro relation_lacks_columns(relation, columns) %}
    {%- if not execute or relation is none or var('sam_offline_is_incremental') is not none
        or flags.WHICH not in ['run', 'build'] -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set existing = load_relation(relation) -%}
    {%- if existing is none or existing.is_view -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set names = adapter.get_columns_in_relation(existing) | map(attribute='name') | map('lower') | list -%}
    {{ return(columns | reject('in', names) | list) }}
{% endmacro %}
