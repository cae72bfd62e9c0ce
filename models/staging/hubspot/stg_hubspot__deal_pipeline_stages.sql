{#- HubSpot deal pipeline stages: label, order in the pipeline, closed / won flags. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set columns = [
    ['stage_id', 'string'],
    ['pipeline_id', 'string'],
    ['label', 'string'],
    ['display_order', 'bigint'],
    ['probability', 'float'],
    ['is_closed', 'boolean'],
    ['closed_won', 'boolean'],
    ['_fivetran_deleted', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'deal_pipeline_stage'), columns) }}
        as deal_pipeline_stage

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'stage_id') }} as stage_id,
        {{ sam.crm_key('hubspot', 'pipeline_id') }} as pipeline_id,

        -- strings
        cast(label as {{ sam.type_string() }}) as stage_name,

        -- numerics
        cast(display_order as {{ sam.type_bigint() }}) as stage_order,
        cast(probability as {{ sam.type_float() }}) as probability,

        -- booleans
        coalesce(cast(is_closed as {{ sam.type_boolean() }}), false) as is_closed,
        coalesce(cast(closed_won as {{ sam.type_boolean() }}), false) as is_won,
        coalesce(cast(_fivetran_deleted as {{ sam.type_boolean() }}), false) as is_deleted

    from source

)

select * from renamed
