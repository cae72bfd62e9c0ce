{#- Salesforce campaign members: a lead or contact in a campaign (offline touches). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set columns = [
    ['id', 'string'],
    ['campaign_id', 'string'],
    ['lead_id', 'string'],
    ['contact_id', 'string'],
    ['status', 'string'],
    ['has_responded', 'boolean'],
    ['first_responded_date', 'date'],
    ['created_date', 'timestamp'],
    ['is_deleted', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('salesforce', 'campaign_member'), columns) }}
        as campaign_member

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_salesforce_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('salesforce', 'id') }} as campaign_member_id,
        {{ sam.crm_key('salesforce', 'campaign_id') }} as campaign_id,
        {{ sam.crm_key('salesforce', 'lead_id') }} as lead_id,
        {{ sam.crm_key('salesforce', 'contact_id') }} as contact_id,

        -- strings
        cast(status as {{ sam.type_string() }}) as member_status,

        -- booleans
        coalesce(cast(has_responded as {{ sam.type_boolean() }}), false) as has_responded,
        coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false) as is_deleted,

        -- timestamps
        {{ sam.local_midnight('first_responded_date') }} as first_responded_at,
        cast(created_date as {{ sam.type_timestamp() }}) as created_at

    from source

)

select * from renamed
