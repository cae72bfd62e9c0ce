{#- Schema drift in the Fivetran ad connectors: a column a user's connector does not sync (e.g. the
    Facebook `account_history.currency` of an older connector version, absent in Fivetran's own
    sample) becomes a typed NULL instead of breaking the build (the Fivetran packages' practice).

    sam_source_columns(relation) asks the warehouse for the relation's column names (lower case), or
    returns none when it cannot ask: at parse time, and in the offline BigQuery check (which sets
    `sam_offline_is_incremental`; there is no warehouse there). none means "assume every column is
    present", so the offline check compiles the full column list.
    sam_column_or_null(columns, name, type) renders `cast(name as type)` or `cast(null as type)`. -#}

{% macro sam_source_columns(relation) %}
    {%- if not execute or var('sam_offline_is_incremental') is not none -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set names = [] -%}
    {%- for name in get_columns_in_query('select * from ' ~ relation) -%}
        {%- do names.append(name | lower) -%}
    {%- endfor -%}
    {{ return(names) }}
{% endmacro %}


{% macro sam_column_or_null(columns, name, type) -%}
    {%- if columns is none or name | lower in columns -%}
        cast({{ name }} as {{ type }})
    {%- else -%}
        cast(null as {{ type }})
    {%- endif -%}
{%- endmacro %}
