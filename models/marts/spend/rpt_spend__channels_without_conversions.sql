{#- Spend on a channel that no conversion was credited to, under any attribution model: money SAM
    cannot tie to a lead or a deal (a manual cost booked to a channel name no journey uses, a
    campaign classified into a channel its sessions never convert through). One row per such
    channel; an empty table is the healthy state (a warn test says when it is not). -#}

with

spend as (

    select * from {{ ref('fct_spend_daily') }}

),

credited_channels as (

    select distinct channel
    from {{ ref('fct_attribution_credits') }}
    where credit > 0

),

channel_spend as (

    select
        channel,
        sum(spend) as spend,
        count(distinct platform) as platforms,
        min(date_day) as first_spend_day,
        max(date_day) as last_spend_day
    from spend
    group by channel

)

select
    channel_spend.channel,
    channel_spend.spend,
    channel_spend.platforms,
    channel_spend.first_spend_day,
    channel_spend.last_spend_day
from channel_spend
left join credited_channels on channel_spend.channel = credited_channels.channel
where credited_channels.channel is null
