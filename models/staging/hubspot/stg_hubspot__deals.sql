{#- HubSpot deals, typed and renamed; deleted deals kept with is_deleted (counted as exclusions). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set columns = [
    ['deal_id', 'bigint'],
    ['is_deleted', 'boolean'],
    ['_fivetran_deleted', 'boolean'],
    ['_fivetran_synced', 'timestamp'],
    ['deal_pipeline_id', 'string'],
    ['deal_pipeline_stage_id', 'string'],
    ['property_dealname', 'string'],
    ['property_amount', 'float'],
    ['property_dealstage', 'string'],
    ['property_pipeline', 'string'],
    ['property_createdate', 'timestamp'],
    ['property_closedate', 'timestamp'],
    ['property_deal_currency_code', 'string'],
] -%}
{%- set default_currency = (var('sam_hubspot_default_currency') or var('sam_reporting_currency')) | upper -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'deal'), columns) }} as deal

),

renamed as (

    select
        -- pass-through custom fields (var sam_hubspot_deal_pass_through_columns)
        {{ sam.pass_through_columns('sam_hubspot_deal_pass_through_columns', source('hubspot', 'deal')) }}

        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'deal_id') }} as deal_id,
        {{ sam.crm_key('hubspot', 'coalesce(property_pipeline, deal_pipeline_id)') }} as pipeline_id,
        {{ sam.crm_key('hubspot', 'coalesce(property_dealstage, deal_pipeline_stage_id)') }} as stage_id,

        -- strings
        cast(property_dealname as {{ sam.type_string() }}) as deal_name,
        upper(coalesce(
            nullif(trim(cast(property_deal_currency_code as {{ sam.type_string() }})), ''),
            '{{ default_currency }}'
        )) as currency_original,

        -- numerics
        cast(property_amount as {{ sam.type_float() }}) as amount_original,

        -- booleans
        (
            coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false)
            or coalesce(cast(_fivetran_deleted as {{ sam.type_boolean() }}), false)
        ) as is_deleted,

        -- timestamps
        cast(property_createdate as {{ sam.type_timestamp() }}) as created_at,
        cast(property_closedate as {{ sam.type_timestamp() }}) as close_date_at,
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

)

select * from renamed
