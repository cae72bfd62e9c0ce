{#- Google Ads offline click conversions: one row per CRM outcome mapped to a conversion action (var
    sam_export_google_ads_actions), keyed by the person's Google Ads click (gclid / gbraid / wbraid:
    the latest click at or before the outcome), else by its e-mail hashed per Google's rules
    (enhanced conversions for leads). order_id = outcome_key makes every upload idempotent.
    send_status says why a row cannot be sent; rows are never dropped. -#}

{%- set actions = var('sam_export_google_ads_actions') %}
{%- set min_click_age_seconds = var('sam_export_google_ads_min_click_age_hours') * 3600 %}
{%- set action_ids = {} %}
{%- set windows = {} %}
{%- for outcome, action in actions.items() %}
    {%- if action.conversion_action is not defined or action.conversion_action is none %}
        {{ exceptions.raise_compiler_error(
            "var sam_export_google_ads_actions: outcome '" ~ outcome
            ~ "' has no conversion_action (the id of an UPLOAD_CLICKS conversion action)"
        ) }}
    {%- endif %}
    {%- do action_ids.update({outcome: action.conversion_action}) %}
    {%- do windows.update({outcome: action.click_window_days | default(90)}) %}
{%- endfor %}

with

{{ sam.export_base_ctes('google_ads', actions) }},

visitors as (

    select distinct
        person_id,
        user_pseudo_id
    from {{ ref('int_identity__person_visitors') }}

),

clicks as (

    select * from {{ ref('int_ga4__ad_clicks') }}

),

identifiers as (

    select * from {{ ref('int_crm__person_identifiers') }}

),

-- Any of the person's browsers denied ads consent: none of its ad identifiers is sent.
person_consent as (

    select * from {{ ref('int_exports__person_ads_consent') }}

),

-- Click candidates: the clicks of the person's browsers (GA4), and the gclid the CRM saved (timed
-- by the GA4 session that carried it, else by when the CRM first saw it).
ga4_clicks as (

    select
        visitors.person_id,
        clicks.click_id_kind,
        clicks.click_id,
        clicks.clicked_at,
        'ga4_session' as click_found_by,
        coalesce(lower(clicks.privacy_ads_storage) in ('no', 'denied'), false) as is_click_denied
    from visitors
    inner join clicks on visitors.user_pseudo_id = clicks.user_pseudo_id

),

crm_gclids as (

    select
        identifiers.person_id,
        'gclid' as click_id_kind,
        identifiers.identifier_value as click_id,
        coalesce(min(clicks.clicked_at), min(identifiers.observed_at)) as clicked_at,
        'crm' as click_found_by,
        false as is_click_denied
    from identifiers
    left join clicks
        on clicks.click_id_kind = 'gclid' and identifiers.identifier_value = clicks.click_id
    where identifiers.identifier_kind = 'gclid'
    group by identifiers.person_id, identifiers.identifier_value

),

candidates as (

    select * from ga4_clicks
    union all
    select * from crm_gclids

),

-- The latest click at or before the outcome; without one, the earliest after it (the row is then
-- marked conversion_before_click).
chosen_click as (

    select
        outcomes.outcome_key,
        candidates.click_id_kind,
        candidates.click_id,
        candidates.clicked_at,
        candidates.click_found_by,
        candidates.is_click_denied
    from outcomes
    inner join candidates on outcomes.person_id = candidates.person_id
    -- (BigQuery wants a WHERE beside QUALIFY)
    where candidates.clicked_at is not null
    qualify row_number() over (
            partition by outcomes.outcome_key
            order by
                case when candidates.clicked_at <= outcomes.occurred_at then 0 else 1 end,
                case when candidates.clicked_at <= outcomes.occurred_at then candidates.clicked_at end desc,
                candidates.clicked_at,
                candidates.click_found_by desc,
                candidates.click_id asc
        ) = 1

),

emails as (

    {{ sam.export_latest_identifier('identifiers', 'email_sha256_google') }}

),

rows_ as (

    select
        outcomes.outcome_key,
        outcomes.person_id,
        outcomes.deal_id,
        outcomes.outcome,
        {{ sam.export_outcome_map('outcomes.outcome', action_ids) }} as conversion_action_id,
        cast({{ sam.export_outcome_map('outcomes.outcome', windows) }} as {{ sam.type_int() }})
            as click_window_days,
        case when chosen_click.click_id_kind = 'gclid' then chosen_click.click_id end as gclid,
        case when chosen_click.click_id_kind = 'gbraid' then chosen_click.click_id end as gbraid,
        case when chosen_click.click_id_kind = 'wbraid' then chosen_click.click_id end as wbraid,
        chosen_click.clicked_at,
        chosen_click.click_found_by,
        case when chosen_click.click_id is null then emails.identifier_value end as hashed_email,
        case
            when chosen_click.click_id is not null then chosen_click.click_id_kind
            when emails.identifier_value is not null then 'enhanced_email'
        end as identifier_type,
        case
            when coalesce(chosen_click.is_click_denied, false) then 'denied'
            else coalesce(person_consent.ads_consent, 'unknown')
        end as ads_consent,
        {{ sam.format_utc_offset_datetime('outcomes.occurred_at') }} as conversion_date_time,
        outcomes.outcome_value as conversion_value,
        outcomes.currency as currency_code,
        outcomes.outcome_key as order_id,
        outcomes.is_junk,
        outcomes.occurred_at,
        as_of.as_of_at,
        {{ sam.export_age_seconds('outcomes.occurred_at', 'as_of.as_of_at') }} as conversion_age_seconds,
        {{ sam.export_age_seconds('chosen_click.clicked_at', 'as_of.as_of_at') }} as click_age_seconds,
        coalesce(ledger.is_sent, false) as is_already_sent,
        ledger.last_status as ledger_status,
        ledger.sent_at
    from outcomes
    cross join as_of
    left join chosen_click on outcomes.outcome_key = chosen_click.outcome_key
    left join emails on outcomes.person_id = emails.person_id
    left join person_consent on outcomes.person_id = person_consent.person_id
    left join ledger on outcomes.outcome_key = ledger.outcome_key

)

select
    -- ids
    outcome_key,
    person_id,
    deal_id,
    conversion_action_id,
    gclid,
    gbraid,
    wbraid,
    hashed_email,
    order_id,

    -- strings
    outcome,
    identifier_type,
    click_found_by,
    ads_consent,
    conversion_date_time,
    currency_code,
    ledger_status,
    case
        when is_already_sent then 'already_sent'
        when is_junk then 'junk_lead'
        when identifier_type is null then 'no_identifier'
        when ads_consent = 'denied' then 'consent_denied'
        when clicked_at > occurred_at then 'conversion_before_click'
        when conversion_age_seconds < 0 then 'not_yet_occurred'
        when click_age_seconds < {{ min_click_age_seconds }} then 'click_too_recent'
        -- the click (or, for enhanced conversions, the conversion) is older than the window
        when coalesce(click_age_seconds, conversion_age_seconds) > click_window_days * 86400
            then 'outside_window'
        else 'sendable'
    end as send_status,

    -- numerics
    click_window_days,
    conversion_value,

    -- booleans
    is_junk,

    -- timestamps
    clicked_at,
    occurred_at,
    as_of_at,
    sent_at

from rows_
