{#- HubSpot deal x company associations. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot' and sam.optional_input_enabled('stg_hubspot__deal_companies'))) }}

{%- set columns = [
    ['deal_id', 'bigint'],
    ['company_id', 'bigint'],
    ['type_id', 'bigint'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'deal_company'), columns) }} as deal_company

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'deal_id') }} as deal_id,
        {{ sam.crm_key('hubspot', 'company_id') }} as company_id,
        cast(type_id as {{ sam.type_bigint() }}) as association_type_id

    from source

)

select * from renamed
