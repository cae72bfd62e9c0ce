-- Sessions, engaged sessions and GA4 lead events per channel and month: a quick look at the
-- channel mix before attribution. `dbt compile --select ga4_sessions_by_channel_and_month`, then
-- run the compiled SQL from target/compiled/ in the warehouse.

with

sessions as (

    select * from {{ ref('fct_sessions') }}

),

lead_events as (

    select
        session_key,
        count(*) as lead_events
    from {{ ref('stg_ga4__lead_events') }}
    where session_key is not null
    group by session_key

)

select
    sessions.channel,
    {{ dbt.date_trunc('month', 'sessions.session_date') }} as session_month,
    count(*) as sessions,
    sum(case when sessions.is_engaged then 1 else 0 end) as engaged_sessions,
    coalesce(sum(lead_events.lead_events), 0) as lead_events
from sessions
left join lead_events on sessions.session_key = lead_events.session_key
group by sessions.channel, session_month
order by session_month asc, sessions desc
