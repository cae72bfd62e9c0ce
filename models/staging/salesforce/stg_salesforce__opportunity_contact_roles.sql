{#- Salesforce opportunity contact roles: the contacts of each opportunity, with role and primary flag. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set columns = [
    ['id', 'string'],
    ['opportunity_id', 'string'],
    ['contact_id', 'string'],
    ['role', 'string'],
    ['is_primary', 'boolean'],
    ['is_deleted', 'boolean'],
    ['created_date', 'timestamp'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('salesforce', 'opportunity_contact_role'), columns) }}
        as opportunity_contact_role

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_salesforce_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('salesforce', 'id') }} as opportunity_contact_role_id,
        {{ sam.crm_key('salesforce', 'opportunity_id') }} as opportunity_id,
        {{ sam.crm_key('salesforce', 'contact_id') }} as contact_id,

        -- strings
        cast(role as {{ sam.type_string() }}) as contact_role,

        -- booleans
        coalesce(cast(is_primary as {{ sam.type_boolean() }}), false) as is_primary,
        coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false) as is_deleted,

        -- timestamps
        cast(created_date as {{ sam.type_timestamp() }}) as created_at

    from source

)

select * from renamed
