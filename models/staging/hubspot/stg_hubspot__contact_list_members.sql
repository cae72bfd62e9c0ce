{#- HubSpot contact list memberships (when a contact was added to a list). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot' and sam.optional_input_enabled('stg_hubspot__contact_list_members'))) }}

{%- set columns = [
    ['contact_id', 'bigint'],
    ['contact_list_id', 'bigint'],
    ['added_at', 'timestamp'],
    ['_fivetran_deleted', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'contact_list_member'), columns) }}
        as contact_list_member

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'contact_list_id') }} as list_id,
        {{ sam.crm_key('hubspot', 'contact_id') }} as contact_id,

        -- booleans
        coalesce(cast(_fivetran_deleted as {{ sam.type_boolean() }}), false) as is_deleted,

        -- timestamps
        cast(added_at as {{ sam.type_timestamp() }}) as added_at

    from source

)

select * from renamed
