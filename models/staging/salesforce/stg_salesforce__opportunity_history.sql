{#- Salesforce opportunity history: one row per change of stage, amount or close date, at the
    time Salesforce recorded it (created_date). -#}

{%- set columns = [
    ['id', 'string'],
    ['opportunity_id', 'string'],
    ['stage_name', 'string'],
    ['amount', 'float'],
    ['created_date', 'timestamp'],
    ['is_deleted', 'boolean'],
] -%}

with

source as (

    select * from {{ sam.source_with_columns(source('salesforce', 'opportunity_history'), columns) }}
        as opportunity_history

),

renamed as (

    select
        -- ids
        cast(id as {{ dbt.type_string() }}) as opportunity_history_id,
        cast(opportunity_id as {{ dbt.type_string() }}) as opportunity_id,

        -- strings
        cast(stage_name as {{ dbt.type_string() }}) as stage_name,

        -- numerics
        cast(amount as {{ dbt.type_float() }}) as amount,

        -- booleans
        coalesce(cast(is_deleted as {{ dbt.type_boolean() }}), false) as is_deleted,

        -- timestamps
        cast(created_date as {{ dbt.type_timestamp() }}) as changed_at

    from source

)

select * from renamed
