{#- HubSpot deal x contact associations (the buying committee as HubSpot records it). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set columns = [
    ['deal_id', 'bigint'],
    ['contact_id', 'bigint'],
    ['type_id', 'bigint'],
    ['category', 'string'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'deal_contact'), columns) }} as deal_contact

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'deal_id') }} as deal_id,
        {{ sam.crm_key('hubspot', 'contact_id') }} as contact_id,
        cast(type_id as {{ sam.type_bigint() }}) as association_type_id,

        -- strings
        cast(category as {{ sam.type_string() }}) as association_category

    from source

)

select * from renamed
