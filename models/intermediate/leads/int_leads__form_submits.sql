{#- The web form behind each CRM lead: the GA4 lead event of one of the person's stitched visitors
    nearest the CRM create time (within var sam_lead_form_match_seconds), and how its session
    behaved before the submit - the raw material of fct_leads' behaviour flags. -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('form_submitted_at', 'timestamp'),
        cluster_by=['person_id'],
    )
}}

with

people as (

    select
        person_id,
        created_at
    from {{ ref('int_crm__people') }}
    where created_at is not null

),

person_visitors as (

    select distinct
        person_id,
        user_pseudo_id
    from {{ ref('int_identity__person_visitors') }}

),

lead_events as (

    select
        lead_event_key,
        session_key,
        user_pseudo_id,
        event_at
    from {{ ref('stg_ga4__lead_events') }}
    where session_key is not null

),

sessions as (

    select
        session_key,
        session_start_at,
        is_engaged,
        engagement_time_msec
    from {{ ref('int_ga4__sessions') }}

),

form_start_events as (

    select
        session_key,
        event_at
    from {{ ref('stg_ga4__events') }}
    where event_name = 'form_start' and session_key is not null

),

-- One lead event per person: the nearest to the CRM create time, earliest on a tie.
matched as (

    select
        people.person_id,
        lead_events.lead_event_key,
        lead_events.session_key,
        lead_events.event_at as form_submitted_at,
        abs({{ dbt.datediff('lead_events.event_at', 'people.created_at', 'second') }})
            as match_gap_seconds
    from people
    inner join person_visitors on people.person_id = person_visitors.person_id
    inner join lead_events on person_visitors.user_pseudo_id = lead_events.user_pseudo_id
    where
        abs({{ dbt.datediff('lead_events.event_at', 'people.created_at', 'second') }})
        <= {{ var('sam_lead_form_match_seconds') }}
    qualify row_number() over (
            partition by people.person_id
            order by
                abs({{ dbt.datediff('lead_events.event_at', 'people.created_at', 'second') }}),
                lead_events.event_at,
                lead_events.lead_event_key
        ) = 1

),

form_starts as (

    select
        matched.person_id,
        count(*) as form_starts_before_submit
    from matched
    inner join form_start_events
        on
            matched.session_key = form_start_events.session_key
            and matched.form_submitted_at >= form_start_events.event_at
    group by matched.person_id

),

signals as (

    select
        matched.person_id,
        matched.lead_event_key,
        matched.session_key as form_session_key,
        matched.form_submitted_at,
        matched.match_gap_seconds,
        sessions.session_start_at as landed_at,
        {{ dbt.datediff('sessions.session_start_at', 'matched.form_submitted_at', 'second') }}
            as seconds_to_submit,
        sessions.is_engaged as is_session_engaged,
        sessions.engagement_time_msec,
        coalesce(form_starts.form_starts_before_submit, 0) as form_starts_before_submit
    from matched
    left join sessions on matched.session_key = sessions.session_key
    left join form_starts on matched.person_id = form_starts.person_id

)

select
    person_id,
    lead_event_key,
    form_session_key,
    form_submitted_at,
    match_gap_seconds,
    landed_at,
    seconds_to_submit,
    is_session_engaged,
    engagement_time_msec,
    form_starts_before_submit,
    seconds_to_submit < {{ var('sam_lead_fast_submit_seconds') }} as is_fast_form_submit,
    not coalesce(is_session_engaged, false) and coalesce(engagement_time_msec, 0) = 0
        as is_zero_engagement_session,
    form_starts_before_submit = 0 as is_missing_form_start
from signals
