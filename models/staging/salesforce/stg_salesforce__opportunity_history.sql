{#- Salesforce opportunity history: one row per change of stage, amount or close date.
    Two shapes are read:
    - the OpportunityHistory object (opportunity_id set): one row per change at created_date;
    - Fivetran History Mode on the opportunity table (no opportunity_id; id is the opportunity;
      the shape of Fivetran's own sample): one row per version, the change time being the
      version's _fivetran_start. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set columns = [
    ['id', 'string'],
    ['opportunity_id', 'string'],
    ['stage_name', 'string'],
    ['amount', 'float'],
    ['created_date', 'timestamp'],
    ['is_deleted', 'boolean'],
    ['_fivetran_start', 'timestamp'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('salesforce', 'opportunity_history'), columns) }}
        as opportunity_history

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_salesforce_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        case
            when opportunity_id is null
                then {{ sam.crm_key('salesforce', 'id') }} || '@'
                    || cast(cast(_fivetran_start as {{ sam.type_timestamp() }}) as {{ sam.type_string() }})
            else {{ sam.crm_key('salesforce', 'id') }}
        end as opportunity_history_id,
        {{ sam.crm_key('salesforce', 'coalesce(opportunity_id, id)') }} as opportunity_id,

        -- strings
        cast(stage_name as {{ sam.type_string() }}) as stage_name,

        -- numerics
        cast(amount as {{ sam.type_float() }}) as amount,

        -- booleans
        coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false) as is_deleted,
        opportunity_id is null as is_history_mode_version,

        -- timestamps
        case
            when opportunity_id is null then cast(_fivetran_start as {{ sam.type_timestamp() }})
            else cast(created_date as {{ sam.type_timestamp() }})
        end as changed_at

    from source

)

select * from renamed
