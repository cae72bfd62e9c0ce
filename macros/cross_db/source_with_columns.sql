{#- A raw connector table with every column a staging model reads, even those the user's
    connector does not land (a HubSpot property the portal never had, a custom field not created,
    an object Fivetran has not synced yet): the missing ones come as typed NULLs, so schema drift
    never breaks a build (Fivetran's packages do the same with fill_staging_columns).

    `columns` is a list of [name, kind] pairs, kind one of string / bigint / float / boolean /
    timestamp / date (sam.typed_null). The relation keeps its own columns as they are; a column it
    has keeps its own type (staging casts every column it reads).

    DuckDB: UNION ALL BY NAME with an empty relation typed with the contract.
    BigQuery: FULL UNION ALL BY NAME (GoogleSQL set operation by name: columns missing on one side
    are NULL). -#}
{% macro source_with_columns(relation, columns) -%}
    {{ return(adapter.dispatch('source_with_columns', 'sam')(relation, columns)) }}
{%- endmacro %}

{% macro _empty_contract(columns) -%}
    select * from (
        select
        {%- for column in columns %}
            {{ sam.typed_null(column[1]) }} as {{ column[0] }}{{ ',' if not loop.last }}
        {%- endfor %}
    ) as empty_contract
    where false
{%- endmacro %}

{% macro default__source_with_columns(relation, columns) -%}
    (
        select * from {{ relation }}
        full union all by name
        {{ sam._empty_contract(columns) }}
    )
{%- endmacro %}

{% macro duckdb__source_with_columns(relation, columns) -%}
    (
        select * from {{ relation }}
        union all by name
        {{ sam._empty_contract(columns) }}
    )
{%- endmacro %}

{#- cast(null as <type>) for a column kind of a connector contract. -#}
{% macro typed_null(kind) -%}
    {%- if kind == 'string' -%} cast(null as {{ sam.type_string() }})
    {%- elif kind == 'bigint' -%} cast(null as {{ sam.type_bigint() }})
    {%- elif kind == 'float' -%} cast(null as {{ sam.type_float() }})
    {%- elif kind == 'boolean' -%} cast(null as {{ sam.type_boolean() }})
    {%- elif kind == 'timestamp' -%} cast(null as {{ sam.type_timestamp() }})
    {%- elif kind == 'date' -%} cast(null as date)
    {%- else -%} {{ exceptions.raise_compiler_error('typed_null: unknown column kind ' ~ kind) }}
    {%- endif -%}
{%- endmacro %}
