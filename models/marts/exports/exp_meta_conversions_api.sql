{#- Meta Conversions API for CRM: one row per CRM outcome mapped to a CRM stage (var
    sam_export_meta_events), every stage of the funnel, for the person's hashed e-mail (em) and,
    when the CRM saved a Facebook click id, its fbc. event_id = outcome_key lets Meta deduplicate.
    send_status says why a row cannot be sent; rows are never dropped. -#}

{%- set events = var('sam_export_meta_events') %}
{%- set max_age_seconds = var('sam_export_meta_max_age_days') * 86400 %}
{%- set lead_event_source = var('sam_export_meta_lead_event_source') or var('sam_crm') %}

with

{{ sam.export_base_ctes('meta', events) }},

identifiers as (

    select * from {{ ref('int_crm__person_identifiers') }}

),

-- Any of the person's browsers denied ads consent: none of its identifiers is sent to Meta.
person_consent as (

    select * from {{ ref('int_exports__person_ads_consent') }}

),

emails as (

    {{ sam.export_latest_identifier('identifiers', 'email_sha256') }}

),

-- fbc = fb.1.<when the click id was first seen, ms>.<fbclid>: the person's latest fbclid.
fbclids as (

    {{ sam.export_latest_identifier('identifiers', 'fbclid') }}

),

rows_ as (

    select
        outcomes.outcome_key,
        outcomes.person_id,
        outcomes.deal_id,
        outcomes.outcome,
        {{ sam.export_outcome_map('outcomes.outcome', events) }} as event_name,
        emails.identifier_value as em,
        case
            when fbclids.identifier_value is not null
                then 'fb.1.'
                    || cast(
                        cast(floor({{ sam.timestamp_to_micros('fbclids.observed_at') }} / 1000) as {{ sam.type_bigint() }})
                        as {{ sam.type_string() }}
                    )
                    || '.' || fbclids.identifier_value
        end as fbc,
        cast(
            floor({{ sam.timestamp_to_micros('outcomes.occurred_at') }} / 1000000) as {{ sam.type_bigint() }}
        ) as event_time,
        outcomes.outcome_value as event_value,
        outcomes.currency,
        coalesce(person_consent.ads_consent, 'unknown') as ads_consent,
        outcomes.is_junk,
        outcomes.occurred_at,
        as_of.as_of_at,
        {{ sam.export_age_seconds('outcomes.occurred_at', 'as_of.as_of_at') }} as age_seconds,
        coalesce(ledger.is_sent, false) as is_already_sent,
        ledger.last_status as ledger_status,
        ledger.sent_at
    from outcomes
    cross join as_of
    left join emails on outcomes.person_id = emails.person_id
    left join fbclids on outcomes.person_id = fbclids.person_id
    left join person_consent on outcomes.person_id = person_consent.person_id
    left join ledger on outcomes.outcome_key = ledger.outcome_key

)

select
    -- ids
    outcome_key,
    outcome_key as event_id,
    person_id,
    deal_id,
    em,
    fbc,

    -- strings
    outcome,
    event_name,
    'system_generated' as action_source,
    'crm' as event_source,
    '{{ lead_event_source }}' as lead_event_source,
    currency,
    ads_consent,
    ledger_status,
    case
        when is_already_sent then 'already_sent'
        when is_junk then 'junk_lead'
        when em is null and fbc is null then 'no_identifier'
        when ads_consent = 'denied' then 'consent_denied'
        when age_seconds < 0 then 'not_yet_occurred'
        when age_seconds > {{ max_age_seconds }} then 'outside_window'
        else 'sendable'
    end as send_status,

    -- numerics
    event_time,
    event_value,

    -- booleans
    is_junk,

    -- timestamps
    occurred_at,
    as_of_at,
    sent_at

from rows_
