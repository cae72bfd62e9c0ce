{#- Salesforce opportunities (current state), typed and renamed; deleted ones kept with is_deleted. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set columns = [
    ['id', 'string'],
    ['account_id', 'string'],
    ['is_deleted', 'boolean'],
    ['name', 'string'],
    ['amount', 'float'],
    ['currency_iso_code', 'string'],
    ['stage_name', 'string'],
    ['close_date', 'date'],
    ['is_closed', 'boolean'],
    ['is_won', 'boolean'],
    ['created_date', 'timestamp'],
    ['campaign_id', 'string'],
    ['lead_source', 'string'],
    ['record_type_id', 'string'],
    ['_fivetran_synced', 'timestamp'],
] -%}
{%- set default_currency = (var('sam_salesforce_default_currency') or var('sam_reporting_currency')) | upper -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('salesforce', 'opportunity'), columns) }} as opportunity

),

renamed as (

    select
        -- pass-through custom fields (var sam_salesforce_opportunity_pass_through_columns)
        {{ sam.pass_through_columns('sam_salesforce_opportunity_pass_through_columns', source('salesforce', 'opportunity')) }}

        -- the connector (schema) of the row: '' unless sam_salesforce_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('salesforce', 'id') }} as opportunity_id,
        {{ sam.crm_key('salesforce', 'account_id') }} as account_id,
        {{ sam.crm_key('salesforce', 'campaign_id') }} as campaign_id,
        cast(record_type_id as {{ sam.type_string() }}) as record_type_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as opportunity_name,
        cast(stage_name as {{ sam.type_string() }}) as stage_name,
        cast(lead_source as {{ sam.type_string() }}) as lead_source,
        upper(coalesce(
            nullif(trim(cast(currency_iso_code as {{ sam.type_string() }})), ''),
            '{{ default_currency }}'
        )) as currency_original,

        -- numerics
        cast(amount as {{ sam.type_float() }}) as amount_original,

        -- booleans
        coalesce(cast(is_deleted as {{ sam.type_boolean() }}), false) as is_deleted,
        coalesce(cast(is_closed as {{ sam.type_boolean() }}), false) as is_closed,
        coalesce(cast(is_won as {{ sam.type_boolean() }}), false) as is_won,

        -- timestamps
        cast(created_date as {{ sam.type_timestamp() }}) as created_at,
        {{ sam.local_midnight('close_date') }} as close_date_at,
        cast(_fivetran_synced as {{ sam.type_timestamp() }}) as synced_at

    from source

)

select * from renamed
