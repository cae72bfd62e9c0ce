{#- Closing the loop (docs/closing-the-loop.md): the shared rules of the exp_ models. -#}

{#- The "now" of every send window: the end (next midnight, UTC) of var sam_export_as_of
    ('YYYY-MM-DD'), else the build's current time. `sam export --as-of` re-checks the windows at
    send time with the same rules (src/sam/export/status.py). -#}
{% macro export_as_of() -%}
    {%- set as_of = var('sam_export_as_of') -%}
    {%- if as_of -%}
        {%- set day = modules.datetime.date.fromisoformat(as_of | string) -%}
        {%- set next_midnight = day + modules.datetime.timedelta(days=1) -%}
        cast('{{ next_midnight.isoformat() }} 00:00:00' as {{ sam.type_timestamp() }})
    {%- else -%}
        cast({{ dbt.current_timestamp() }} as {{ sam.type_timestamp() }})
    {%- endif -%}
{%- endmacro %}

{#- A relation that may not exist yet (the export ledger before the first `sam export`): its
    columns when it exists, else an empty relation typed with `columns` ([name, kind] pairs). At
    parse time and in the offline BigQuery check the relation is assumed to exist. -#}
{% macro optional_relation(relation, columns) -%}
    {%- set exists = true -%}
    {#- a unit test's fixture stands in for the relation: no schema to look in -#}
    {%- if execute and var('sam_offline_is_incremental') is none and relation.schema -%}
        {%- set exists = adapter.get_relation(
            database=relation.database, schema=relation.schema, identifier=relation.identifier
        ) is not none -%}
    {%- endif -%}
    {%- if exists -%}
        (
            select
            {%- for column in columns %}
                cast({{ column[0] }} as {{ sam._kind_type_any(column[1]) }}) as {{ column[0] }}
                {{- ',' if not loop.last }}
            {%- endfor %}
            from {{ relation }}
        )
    {%- else -%}
        ({{ sam._empty_contract(columns) }})
    {%- endif -%}
{%- endmacro %}

{% macro _kind_type_any(kind) -%}
    {%- if kind == 'string' -%} {{ sam.type_string() }}
    {%- elif kind == 'timestamp' -%} {{ sam.type_timestamp() }}
    {%- elif kind == 'bigint' -%} {{ sam.type_bigint() }}
    {%- else -%} {{ exceptions.raise_compiler_error('optional_relation: unsupported kind ' ~ kind) }}
    {%- endif -%}
{%- endmacro %}

{#- `case <outcome column> when '<outcome>' then '<mapped>' ... end` from a mapping var (outcome ->
    text); NULL for an outcome the var does not list. -#}
{% macro export_outcome_map(column, mapping) -%}
    {%- if mapping | length == 0 -%}
        cast(null as {{ sam.type_string() }})
    {%- else -%}
        case {{ column }}
        {%- for outcome, mapped in mapping.items() %}
            when '{{ outcome }}' then '{{ mapped | string | replace("'", "''") }}'
        {%- endfor %}
        end
    {%- endif -%}
{%- endmacro %}

{#- The outcomes a mapping var sends: `<column> in ('mql', ...)`, false when it lists none. -#}
{% macro export_outcome_filter(column, mapping) -%}
    {%- if mapping | length == 0 -%}
        false
    {%- else -%}
        {{ column }} in ({%- for outcome in mapping %}'{{ outcome }}'{{ ', ' if not loop.last }}{%- endfor %})
    {%- endif -%}
{%- endmacro %}

{#- Seconds from `earlier` to `later` (timestamps), as the project counts them (dbt.datediff). -#}
{% macro export_age_seconds(earlier, later) -%}
    {{ dbt.datediff(earlier, later, 'second') }}
{%- endmacro %}

{#- The CTEs every exp_ model starts with: `outcomes` (fct_crm_outcomes the mapping var lists),
    `ledger` (the destination's rows of stg_sam__export_ledger) and `as_of` (the windows' now). -#}
{% macro export_base_ctes(destination, mapping) -%}
outcomes as (

    select * from {{ ref('fct_crm_outcomes') }}
    where {{ sam.export_outcome_filter('outcome', mapping) }}

),

ledger as (

    select * from {{ ref('stg_sam__export_ledger') }}
    where destination = '{{ destination }}'

),

as_of as (

    select {{ sam.export_as_of() }} as as_of_at

)
{%- endmacro %}

{#- The body of a CTE: each person's latest identifier of one kind (int_crm__person_identifiers)
    as `identifier_value`, with observed_at. -#}
{% macro export_latest_identifier(identifiers, kind) -%}
    select
        person_id,
        identifier_value,
        observed_at
    from {{ identifiers }}
    where identifier_kind = '{{ kind }}'
    qualify row_number() over (
            partition by person_id
            order by observed_at desc, identifier_value
        ) = 1
{%- endmacro %}
