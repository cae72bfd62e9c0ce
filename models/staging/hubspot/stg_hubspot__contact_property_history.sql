{#- HubSpot contact property changes, lifecycle stage only (the one property SAM reads history of). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set columns = [
    ['contact_id', 'bigint'],
    ['name', 'string'],
    ['value', 'string'],
    ['timestamp', 'timestamp'],
    ['source', 'string'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(sam.crm_source('hubspot', 'contact_property_history'), columns) }}
        as contact_property_history

),

renamed as (

    select
        -- the connector (schema) of the row: '' unless sam_hubspot_union_schemas lists several;
        -- the ids below are then qualified by it (macros/crm/crm_union.sql)
        source_relation,

        -- ids
        {{ sam.crm_key('hubspot', 'contact_id') }} as contact_id,

        -- strings
        cast(name as {{ sam.type_string() }}) as property_name,
        lower(cast(value as {{ sam.type_string() }})) as property_value,
        -- qualified: in BigQuery a bare `source` names the CTE (a STRUCT of the row), not the column
        cast(changes.source as {{ sam.type_string() }}) as change_source,

        -- timestamps
        cast(timestamp as {{ sam.type_timestamp() }}) as changed_at

    from source as changes
    where name = 'lifecyclestage'

)

select * from renamed
