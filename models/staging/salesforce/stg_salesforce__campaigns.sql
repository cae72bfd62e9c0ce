{#- Salesforce campaigns (webinars, events, ...). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set columns = [
    ['id', 'string'],
    ['name', 'string'],
    ['type', 'string'],
    ['status', 'string'],
    ['start_date', 'date'],
    ['is_deleted', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('salesforce', 'campaign'), columns) }} as campaign

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_salesforce_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('salesforce', 'id') }} as campaign_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as campaign_name,
        cast(type as {{ sam.type_string() }}) as campaign_type,
        cast(status as {{ sam.type_string() }}) as campaign_status,

        -- booleans
        coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false) as is_deleted,

        -- dates
        cast(start_date as date) as start_date

    from source

)

select * from renamed
