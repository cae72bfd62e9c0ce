{#- GA4 Measurement Protocol: one row per CRM outcome mapped to a GA4 recommended lead event (var
    sam_export_ga4_events), sent for the person's browser (client_id = its user_pseudo_id), with a
    send_status that says why a row cannot be sent. Rows are never dropped.
    `sam export ga4` turns the sendable rows into requests (docs/closing-the-loop.md). -#}

{%- set events = var('sam_export_ga4_events') %}
{%- set backdate_seconds = var('sam_export_ga4_backdate_hours') * 3600 %}

with

{{ sam.export_base_ctes('ga4', events) }},

visitors as (

    select distinct
        person_id,
        user_pseudo_id
    from {{ ref('int_identity__person_visitors') }}

),

sessions as (

    select * from {{ ref('fct_sessions') }}

),

consent as (

    select * from {{ ref('int_ga4__visitor_ads_consent') }}

),

-- The person's browser: the one of its latest session started at or before the outcome.
latest_session as (

    select
        outcomes.outcome_key,
        sessions.user_pseudo_id,
        sessions.ga_session_id,
        sessions.session_end_at
    from outcomes
    inner join visitors
        on outcomes.person_id = visitors.person_id
    inner join sessions
        on visitors.user_pseudo_id = sessions.user_pseudo_id
    -- (BigQuery wants a WHERE beside QUALIFY)
    where outcomes.occurred_at >= sessions.session_start_at
    qualify row_number() over (
            partition by outcomes.outcome_key
            order by sessions.session_start_at desc, sessions.session_key desc
        ) = 1

),

rows_ as (

    select
        outcomes.outcome_key,
        outcomes.person_id,
        outcomes.deal_id,
        outcomes.outcome,
        {{ sam.export_outcome_map('outcomes.outcome', events) }} as event_name,
        latest_session.user_pseudo_id as client_id,
        -- the session the outcome happened in (GA4's 30-minute session timeout), when known
        case
            when {{ sam.export_age_seconds('latest_session.session_end_at', 'outcomes.occurred_at') }}
                <= 1800
                then latest_session.ga_session_id
        end as session_id,
        outcomes.outcome_value as event_value,
        outcomes.currency,
        coalesce(consent.ads_consent, 'unknown') as ads_consent,
        outcomes.is_junk,
        outcomes.occurred_at,
        {{ sam.timestamp_to_micros('outcomes.occurred_at') }} as occurred_at_micros,
        {{ sam.export_age_seconds('outcomes.occurred_at', 'as_of.as_of_at') }} as age_seconds,
        as_of.as_of_at,
        coalesce(ledger.is_sent, false) as is_already_sent,
        ledger.last_status as ledger_status,
        ledger.sent_at
    from outcomes
    cross join as_of
    left join latest_session on outcomes.outcome_key = latest_session.outcome_key
    left join consent on latest_session.user_pseudo_id = consent.user_pseudo_id
    left join ledger on outcomes.outcome_key = ledger.outcome_key

)

select
    -- ids
    outcome_key,
    person_id,
    deal_id,
    client_id,
    session_id,

    -- strings
    outcome,
    event_name,
    currency,
    ads_consent,
    ledger_status,
    case
        when is_already_sent then 'already_sent'
        -- a request went out and no answer was recorded (a crash): GA4 cannot deduplicate, so
        -- SAM does not resend on its own (`sam export ga4 --resend-in-doubt`)
        when ledger_status = 'pending' then 'in_doubt'
        when is_junk then 'junk_lead'
        when client_id is null then 'no_identifier'
        when age_seconds < 0 then 'not_yet_occurred'
        when age_seconds > {{ backdate_seconds }} then 'outside_window'
        else 'sendable'
    end as send_status,

    -- numerics
    event_value,
    case
        when age_seconds between 0 and {{ backdate_seconds }} then occurred_at_micros
    end as timestamp_micros,

    -- booleans
    is_junk,

    -- timestamps
    occurred_at,
    as_of_at,
    sent_at

from rows_
