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

    select * from {{ sam.source_with_columns(sam.required_source('hubspot', 'deal_contact'), columns) }} as deal_contact

),

renamed as (

    select
        -- ids
        cast(deal_id as {{ sam.type_string() }}) as deal_id,
        cast(contact_id as {{ sam.type_string() }}) as contact_id,
        cast(type_id as {{ sam.type_bigint() }}) as association_type_id,

        -- strings
        cast(category as {{ sam.type_string() }}) as association_category

    from source

)

select * from renamed
