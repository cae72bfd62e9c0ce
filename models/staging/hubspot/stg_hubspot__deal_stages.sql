{#- HubSpot deal stage entries. date_entered is when the deal entered the stage; _fivetran_start is
    only when Fivetran saw it (a sync time) and is kept for reference, never used as the entry time. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set columns = [
    ['deal_id', 'bigint'],
    ['value', 'string'],
    ['date_entered', 'timestamp'],
    ['_fivetran_start', 'timestamp'],
    ['_fivetran_active', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'deal_stage'), columns) }} as deal_stage

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'deal_id') }} as deal_id,
        {{ sam.crm_key('hubspot', 'value') }} as stage_id,

        -- booleans
        cast(_fivetran_active as {{ sam.type_boolean() }}) as is_current_stage,

        -- timestamps
        cast(date_entered as {{ sam.type_timestamp() }}) as stage_entered_at,
        cast(_fivetran_start as {{ sam.type_timestamp() }}) as fivetran_start_at

    from source

)

select * from renamed
