{#- Required columns of a connector table: what SAM cannot work without (ids, money, currency,
    stage, the timestamps that date a conversion). They are declared once per source table in its
    sources yml (config.meta):

        sam_required_columns: {<column>: <what SAM uses it for>, 'a|b': <...>}   ('a|b': either)
        sam_required_unless_var: {<column>: <var that stands in for it when set>}

    `sam build` checks them on the data directory before dbt starts (sam.preflight); in any dbt
    run the staging model checks them first (required_source), so a missing one fails with one
    line naming source.table.column and what to do, never a silent NULL (all revenue 0, EUR read as
    USD). Optional columns keep source_with_columns' typed-NULL fill.

    required_source(source_name, table_name): source(source_name, table_name), after the check. -#}
{% macro required_source(source_name, table_name) -%}
    {%- set relation = source(source_name, table_name) -%}
    {%- if execute and var('sam_offline_is_incremental') is none -%}
        {%- set missing = sam.missing_required_columns(source_name, table_name, relation) -%}
        {%- if missing -%}
            {{ exceptions.raise_compiler_error(missing | join('; ')) }}
        {%- endif -%}
    {%- endif -%}
    {{ return(relation) }}
{%- endmacro %}

{#- The one-line messages of the required columns `relation` lacks (empty list: none). -#}
{% macro missing_required_columns(source_name, table_name, relation) -%}
    {%- set node = graph.sources.get('source.sam.' ~ source_name ~ '.' ~ table_name) -%}
    {%- if node is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set meta = node.config.meta if node.config.meta else node.meta -%}
    {%- set required = meta.get('sam_required_columns') or {} -%}
    {%- set unless_var = meta.get('sam_required_unless_var') or {} -%}
    {%- if not required -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set present = [] -%}
    {%- for name in get_columns_in_query('select * from ' ~ relation) -%}
        {%- do present.append(name | lower) -%}
    {%- endfor -%}
    {%- set messages = [] -%}
    {%- for column, purpose in required.items() -%}
        {%- set options = column.split('|') -%}
        {%- set found = [] -%}
        {%- for option in options if option | lower in present -%}
            {%- do found.append(option) -%}
        {%- endfor -%}
        {%- set stand_in = unless_var.get(column) -%}
        {%- if not found and not (stand_in and var(stand_in, none)) -%}
            {%- set todo = 'sync the column in your connector' ~ (
                ', or set var ' ~ stand_in if stand_in else '') -%}
            {%- do messages.append(
                source_name ~ '.' ~ table_name ~ '.' ~ (options | join(' or ' ~ source_name ~ '.'
                ~ table_name ~ '.')) ~ ': required column missing (' ~ purpose ~ ') - ' ~ todo) -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(messages) }}
{%- endmacro %}
