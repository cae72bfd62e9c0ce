{#- Ad spend that meets no session campaign: the budget no web session can be traced to. One row
    per platform x campaign with its spend, days and share of the platform's spend. Manual costs
    are not here: they carry their channel, not a campaign. -#}

with

spend as (
    select * from {{ ref('fct_spend_daily') }}
),

ad_spend as (
    select * from spend
    where platform != 'manual'
),

platform_totals as (
    select
        platform,
        sum(spend) as platform_spend
    from ad_spend
    group by 1
),

unmatched as (
    select
        platform,
        campaign_id,
        max(campaign_name) as campaign_name,
        max(channel) as channel,
        max(currency_original) as currency_original,
        sum(spend) as spend,
        sum(spend_original) as spend_original,
        sum(clicks) as clicks,
        count(distinct case when spend_original != 0 then date_day end) as days,
        min(date_day) as first_day,
        max(date_day) as last_day,
        max(case when fx_rate_missing then 1 else 0 end) = 1 as has_fx_rate_missing
    from ad_spend
    where campaign_match = 'unmatched'
    group by 1, 2
),

final as (
    select
        -- ids
        unmatched.platform,
        unmatched.campaign_id,

        -- strings
        unmatched.campaign_name,
        unmatched.channel,
        unmatched.currency_original,

        -- numerics
        unmatched.spend,
        unmatched.spend_original,
        unmatched.spend / nullif(platform_totals.platform_spend, 0) as share_of_platform_spend,
        unmatched.clicks,
        unmatched.days,

        -- booleans
        unmatched.has_fx_rate_missing,

        -- dates
        unmatched.first_day,
        unmatched.last_day
    from unmatched
    inner join platform_totals
        on unmatched.platform = platform_totals.platform
)

select * from final
