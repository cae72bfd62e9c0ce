{#- Spend is never booked to an unknown channel: '(no web touch)' is what attribution says of a
    conversion with no touch, not a channel money can be spent on (book an event sponsorship to the
    offline / events channel, var sam_crm_offline_channel). Fails with each offending cost. -#}

select
    platform,
    campaign_id,
    channel,
    sum(spend) as spend
from {{ ref('fct_spend_daily') }}
where channel is null or channel = '(no web touch)'
group by platform, campaign_id, channel
