{#- Daily exchange rates as published, codes upper-cased; one row per day x currency pair. -#}

{{ config(enabled=(sam.optional_input_enabled('stg_fx__rates'))) }}

with

source as (

    select * from {{ sam.required_source('fx', 'fx_rates') }}

),

renamed as (

    select
        -- strings
        upper(trim(cast(currency_from as {{ sam.type_string() }}))) as currency_from,
        upper(trim(cast(currency_to as {{ sam.type_string() }}))) as currency_to,

        -- numerics
        cast(rate as {{ sam.type_float() }}) as rate,

        -- dates
        cast(date as date) as rate_date

    from source

)

select * from renamed
