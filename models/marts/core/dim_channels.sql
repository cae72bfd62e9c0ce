{#- Every channel the marts name - from sessions, spend and attribution credits - with whether it
    is bought media (var sam_paid_channels) and where it appears. -#}
{{ config(materialized='table') }}

{%- set paid_channels = var('sam_paid_channels') or [] %}

with

session_channels as (

    select distinct coalesce(channel, 'Unassigned') as channel
    from {{ ref('fct_sessions') }}

),

spend_channels as (

    select distinct channel
    from {{ ref('fct_spend_daily') }}

),

credit_channels as (

    select distinct channel
    from {{ ref('fct_attribution_credits') }}

),

all_channels as (

    select channel from session_channels
    union all
    select channel from spend_channels
    union all
    select channel from credit_channels

),

channels as (

    select distinct channel
    from all_channels
    where channel is not null

)

select
    channels.channel,
    {%- if paid_channels | length > 0 %}
        channels.channel in (
            {%- for name in paid_channels %}
                {{ sam_sql_string(name) }}{% if not loop.last %},{% endif %}
            {%- endfor %}
        ) as is_paid,
    {%- else %}
        false as is_paid,
    {%- endif %}
    channels.channel = '(no web touch)' as is_no_touch,
    session_channels.channel is not null as has_sessions,
    spend_channels.channel is not null as has_spend,
    credit_channels.channel is not null as has_conversions
from channels
left join session_channels on channels.channel = session_channels.channel
left join spend_channels on channels.channel = spend_channels.channel
left join credit_channels on channels.channel = credit_channels.channel
