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

    select * from {{ sam.source_with_columns(source('hubspot', 'deal_pipeline'), columns) }} as deal_pipeline

),

renamed as (

    select
        -- ids
        cast(pipeline_id as {{ sam.type_string() }}) as pipeline_id,

        -- strings
        cast(label as {{ sam.type_string() }}) as pipeline_name,

        -- numerics
        cast(display_order as {{ sam.type_bigint() }}) as display_order,

        -- booleans
        coalesce(cast(_fivetran_deleted as {{ sam.type_boolean() }}), false) as is_deleted

    from source

)

select * from renamed
