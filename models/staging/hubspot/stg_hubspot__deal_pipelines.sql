{#- HubSpot deal pipelines (id and label). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set columns = [
    ['pipeline_id', 'string'],
    ['label', 'string'],
    ['display_order', 'bigint'],
    ['_fivetran_deleted', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'deal_pipeline'), columns) }} as deal_pipeline

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'pipeline_id') }} as pipeline_id,

        -- strings
        cast(label as {{ sam.type_string() }}) as pipeline_name,

        -- numerics
        cast(display_order as {{ sam.type_bigint() }}) as display_order,

        -- booleans
        coalesce(cast(_fivetran_deleted as {{ sam.type_boolean() }}), false) as is_deleted

    from source

)

select * from renamed
