{#- HubSpot deal x company associations. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot' and sam.optional_input_enabled('stg_hubspot__deal_companies'))) }}

{%- set columns = [
    ['deal_id', 'bigint'],
    ['company_id', 'bigint'],
    ['type_id', 'bigint'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(source('hubspot', 'deal_company'), columns) }} as deal_company

),

renamed as (

    select
        -- ids
        cast(deal_id as {{ sam.type_string() }}) as deal_id,
        cast(company_id as {{ sam.type_string() }}) as company_id,
        cast(type_id as {{ sam.type_bigint() }}) as association_type_id

    from source

)

select * from renamed
