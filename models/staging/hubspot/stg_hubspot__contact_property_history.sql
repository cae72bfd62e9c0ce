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

    select * from {{ sam.source_with_columns(source('hubspot', 'contact_property_history'), columns) }}
        as contact_property_history

),

renamed as (

    select
        -- ids
        cast(contact_id as {{ sam.type_string() }}) as contact_id,

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
