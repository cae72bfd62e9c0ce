{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('date_day'),
        cluster_by=['channel', 'attribution_model'],
    )
}}

{#- Day x channel x attribution model, additive measures only. Funnel counts and values are the
    credits of fct_attribution_credits under that model, dated by the conversion date; sessions
    and spend are not attributed and repeat, identical, under every model. Ratios belong in the
    scorecards (after aggregation), never here. -#}

with

credits as (

    select * from {{ ref('fct_attribution_credits') }}

),

leads as (

    select
        lead_id,
        is_junk
    from {{ ref('fct_leads') }}

),

sessions as (

    select * from {{ ref('fct_sessions') }}

),

spend as (

    select * from {{ ref('fct_spend_daily') }}

),

attribution_models as (

    select distinct attribution_model from credits

),

-- Each credit on its conversion date, with the junk flag of the lead it belongs to (lead stages).
dated_credits as (

    select
        {{ sam.dated_credit_columns('credits', 'leads') }}
    from credits
    {{ sam.lead_junk_join('credits', 'leads') }}

),

credited as (

    select
        date_day,
        channel,
        attribution_model,
        {{ sam.credited_measures() }}
    from dated_credits
    group by date_day, channel, attribution_model

),

daily_sessions as (

    select
        session_date as date_day,
        coalesce(channel, 'Unassigned') as channel,
        count(*) as sessions,
        sum(case when is_engaged then 1 else 0 end) as engaged_sessions
    from sessions
    group by session_date, coalesce(channel, 'Unassigned')

),

daily_spend as (

    select
        date_day,
        channel,
        {{ sam.spend_measures('spend') }}
    from spend
    group by date_day, channel

),

day_channels as (

    select
        date_day,
        channel
    from daily_sessions
    union all
    select
        date_day,
        channel
    from daily_spend
    union all
    select
        date_day,
        channel
    from credited

),

spine as (

    select distinct
        day_channels.date_day,
        day_channels.channel,
        attribution_models.attribution_model
    from day_channels
    cross join attribution_models

)

select
    spine.date_day,
    spine.channel,
    spine.attribution_model,
    coalesce(daily_sessions.sessions, 0) as sessions,
    coalesce(daily_sessions.engaged_sessions, 0) as engaged_sessions,
    {{ sam.credited_columns('credited') }},
    {{ sam.spend_columns('daily_spend') }}
from spine
left join daily_sessions
    on
        spine.date_day = daily_sessions.date_day
        and spine.channel = daily_sessions.channel
left join daily_spend
    on
        spine.date_day = daily_spend.date_day
        and spine.channel = daily_spend.channel
left join credited
    on
        spine.date_day = credited.date_day
        and spine.channel = credited.channel
        and spine.attribution_model = credited.attribution_model
