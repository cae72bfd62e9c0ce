{#- HubSpot contact lists (static event / webinar attendee lists stand in for campaigns). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot' and sam.optional_input_enabled('stg_hubspot__contact_lists'))) }}

{%- set columns = [
    ['id', 'bigint'],
    ['name', 'string'],
    ['created_at', 'timestamp'],
    ['_fivetran_deleted', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'contact_list'), columns) }} as contact_list

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'id') }} as list_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as list_name,

        -- booleans
        coalesce(cast(_fivetran_deleted as {{ sam.type_boolean() }}), false) as is_deleted,

        -- timestamps
        cast(created_at as {{ sam.type_timestamp() }}) as created_at

    from source

)

select * from renamed
