{#- Manual costs by month: the seed sam_manual_costs, or the user's table named by var
    sam_manual_costs_relation (same columns). -#}

{%- set relation = var('sam_manual_costs_relation') or ref('sam_manual_costs') -%}

with

source as (

    select * from {{ relation }}

),

renamed as (

    select
        -- strings
        trim(cast(channel as {{ sam.type_string() }})) as channel,
        nullif(trim(cast(campaign as {{ sam.type_string() }})), '') as campaign,
        trim(cast(cost_item as {{ sam.type_string() }})) as cost_item,
        upper(trim(cast(currency as {{ sam.type_string() }}))) as currency_code,

        -- numerics
        cast(amount as {{ sam.type_numeric() }}) as amount,

        -- dates
        cast({{ dbt.date_trunc('month', 'month') }} as date) as month_start

    from source

)

select * from renamed
