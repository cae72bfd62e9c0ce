{#-
    One rate per calendar day x currency into the reporting currency (var sam_reporting_currency).
    Days without a published rate (weekends, holidays) take the latest earlier rate no older than
    var sam_fx_max_rate_age_days; older gaps stay absent so that conversions flag them. The
    reporting currency itself has no rows: macros/fx/ converts it at 1 on any day.
-#}

{%- set reporting_currency = var('sam_reporting_currency') | upper -%}
{%- set max_age_days = var('sam_fx_max_rate_age_days') | int -%}

{{ config(materialized='table') }}

with

rates as (

    select * from {{ sam.optional_ref('stg_fx__rates') }}
    where currency_to = '{{ reporting_currency }}'
        and currency_from != '{{ reporting_currency }}'

),

bounds as (

    select
        min(rate_date) as first_rate_date,
        max(rate_date) as last_rate_date
    from rates

),

days as (

    {{ sam.date_series(
        'bounds',
        'first_rate_date',
        'cast(' ~ dbt.dateadd('day', max_age_days, 'last_rate_date') ~ ' as date)'
    ) }}

),

candidate_rates as (

    select
        days.date_day,
        rates.currency_from,
        rates.rate,
        rates.rate_date,
        row_number() over (
            partition by days.date_day, rates.currency_from
            order by rates.rate_date desc
        ) as recency_rank

    from days
    inner join rates
        on days.date_day >= rates.rate_date
            and cast({{ dbt.dateadd('day', -max_age_days, 'days.date_day') }} as date)
            <= rates.rate_date

),

latest_rates as (

    select
        date_day,
        currency_from,
        rate,
        rate_date
    from candidate_rates
    where recency_rank = 1

),

final as (

    select
        -- ids
        date_day,
        currency_from,
        '{{ reporting_currency }}' as currency_to,

        -- numerics
        rate,
        {{ dbt.datediff('rate_date', 'date_day', 'day') }} as rate_age_days,

        -- dates
        rate_date

    from latest_rates

)

select * from final
