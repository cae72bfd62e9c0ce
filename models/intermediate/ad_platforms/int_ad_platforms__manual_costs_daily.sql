{#- Manual costs spread over their month's days, to the cent: the month's amount in cents divided by
    the days, the remainder cents going one each to the first days, so the days add up to the
    amount exactly. -#}

{{ config(materialized='table') }}

with

costs as (
    select * from {{ ref('stg_manual__costs') }}
),

bounded as (
    select
        *,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'month_start')) }} as date) as month_end
    from costs
),

bounds as (
    select
        min(month_start) as first_day,
        max(month_end) as last_day
    from bounded
),

days as (
    {{ sam.date_series('bounds', 'first_day', 'last_day') }}
),

cost_days as (
    select
        bounded.*,
        days.date_day,
        {{ dbt.datediff('bounded.month_start', 'days.date_day', 'day') }} + 1 as day_of_month,
        {{ dbt.datediff('bounded.month_start', 'bounded.month_end', 'day') }} + 1 as days_in_month,
        cast(round(bounded.amount * 100, 0) as {{ sam.type_bigint() }}) as amount_cents
    from bounded
    inner join days
        on days.date_day between bounded.month_start and bounded.month_end
),

spread as (
    select
        *,
        cast(floor(amount_cents / days_in_month) as {{ sam.type_bigint() }}) as base_cents
    from cost_days
),

final as (
    select
        -- ids
        {{ dbt.concat([
            "'manual:'", 'channel', "':'", "coalesce(campaign, '')", "':'", 'cost_item'
        ]) }} as campaign_id,

        -- strings
        channel,
        campaign,
        cost_item,
        currency_code,

        -- numerics
        cast(
            base_cents
            + case when day_of_month <= amount_cents - base_cents * days_in_month then 1 else 0 end
            as {{ sam.type_numeric() }}
        ) / 100 as spend_original,

        -- dates
        month_start,
        date_day
    from spread
)

select * from final
