{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('created_date'),
        cluster_by=['lead_creation_channel'],
    )
}}

{#- Every CRM lead with its funnel dates, its first and lead-creating channels, and its quality
    flags. Junk leads stay here (is_junk, junk_reasons); the scorecards keep them out of the
    "qualified" denominators. The junk rule is set by vars (docs/marts.md "Lead quality"). -#}

{%- set flags = sam.lead_quality_flags() %}
{%- set junk_reasons = sam.lead_quality_flag_list('sam_lead_junk_reasons', flags.keys() | list) %}
{%- set behaviour_signals = sam.lead_quality_flag_list(
    'sam_lead_junk_behaviour_signals', flags.keys() | list
) %}
{%- set min_behaviour = var('sam_lead_junk_min_behaviour_signals') %}
{#- CRM custom fields passed through (macros/crm/pass_through_columns.sql), last in the table -#}
{%- set pass_through = sam.crm_pass_through_aliases('person') %}
{%- for name in junk_reasons + behaviour_signals if name == 'free_email_domain' %}
    {{ exceptions.raise_compiler_error(
        'free_email_domain is a B2B-fit signal, never a junk reason (docs/marts.md)'
    ) }}
{%- endfor %}

with

people as (

    select * from {{ ref('int_crm__people') }}

),

milestones as (

    select * from {{ ref('int_crm__lead_milestones') }}

),

form_submits as (

    select * from {{ ref('int_leads__form_submits') }}

),
{%- if pass_through %}

pass_through as (

    select * from {{ ref('int_crm__pass_through') }}
    where record_type = 'person'

),
{%- endif %}

disposable_domains as (

    select distinct lower(email_domain) as email_domain
    from {{ ref('sam_disposable_email_domains') }}

),

free_domains as (

    select distinct lower(email_domain) as email_domain
    from {{ ref('sam_free_email_domains') }}

),

lead_journeys as (

    select * from {{ ref('int_attribution__journeys') }}
    where conversion_type = 'lead_created' and is_converting

),

funnel as (

    select
        person_id,
        min(case when milestone = 'mql' then reached_at end) as mql_at,
        min(case when milestone = 'sql' then reached_at end) as sql_at
    from milestones
    group by person_id

),

-- The first touch and the lead-creating touch (last touch at or before creation) of the lead's
-- journey; a lead without any stitched touch gets '(no web touch)' below.
touch_roles as (

    select
        conversion_id as person_id,
        max(case when is_ft then channel end) as first_touch_channel,
        max(case when is_ft then campaign end) as first_touch_campaign,
        max(case when is_lc then channel end) as lead_creation_channel,
        max(case when is_lc then campaign end) as lead_creation_campaign,
        -- the GA4 property of the touch's session (null: an offline or CRM-recorded touch)
        max(case when is_ft then property_id end) as first_touch_property_id,
        max(case when is_lc then property_id end) as lead_creation_property_id
    from lead_journeys
    group by conversion_id

),

-- A later live person with an e-mail an earlier one already has (same normalised hash) in the
-- same CRM connector: the same e-mail in two portals is two people (docs/DECISIONLOG.md).
email_order as (

    select
        person_id,
        row_number() over (
            partition by source_relation, email_sha256
            order by created_at, person_id
        ) > 1 as is_duplicate_email
    from people
    where email_sha256 is not null

),

flagged as (

    select
        {{ sam.column_list(pass_through, 'pass_through.') }}
        people.person_id as lead_id,
        people.source_relation,
        people.crm,
        people.person_type,
        people.account_id,
        people.lead_source,
        people.email_sha256,
        people.email_domain,
        people.created_at,
        {{ sam.local_date('people.created_at') }} as created_date,
        funnel.mql_at,
        funnel.sql_at,
        coalesce(touch_roles.first_touch_channel, '(no web touch)') as first_touch_channel,
        touch_roles.first_touch_campaign,
        coalesce(touch_roles.lead_creation_channel, '(no web touch)') as lead_creation_channel,
        touch_roles.lead_creation_campaign,
        touch_roles.first_touch_property_id,
        touch_roles.lead_creation_property_id,
        form_submits.form_session_key,
        form_submits.form_submitted_at,
        form_submits.seconds_to_submit,
        form_submits.form_starts_before_submit,
        disposable_domains.email_domain is not null as is_disposable_email_domain,
        free_domains.email_domain is not null as is_free_email_domain,
        coalesce(email_order.is_duplicate_email, false) as is_duplicate_email,
        form_submits.person_id is not null as has_form_submit,
        coalesce(form_submits.is_fast_form_submit, false) as is_fast_form_submit,
        coalesce(form_submits.is_zero_engagement_session, false) as is_zero_engagement_session,
        coalesce(form_submits.is_missing_form_start, false) as is_missing_form_start
    from people
    left join funnel on people.person_id = funnel.person_id
    left join touch_roles on people.person_id = touch_roles.person_id
    left join form_submits on people.person_id = form_submits.person_id
    left join email_order on people.person_id = email_order.person_id
    left join disposable_domains on lower(people.email_domain) = disposable_domains.email_domain
    left join free_domains on lower(people.email_domain) = free_domains.email_domain
    {%- if pass_through %}
    left join pass_through on people.person_id = pass_through.record_id
    {%- endif %}

),

scored as (

    select
        *,
        0
        {%- for name in behaviour_signals %}
            + case when {{ flags[name] }} then 1 else 0 end
        {%- endfor %} as behaviour_signals,
        {%- if min_behaviour is none or behaviour_signals | length == 0 %}
            false
        {%- else %}
            (
                0
                {%- for name in behaviour_signals %}
                    + case when {{ flags[name] }} then 1 else 0 end
                {%- endfor %}
            ) >= {{ min_behaviour }}
        {%- endif %} as is_bot_like_behaviour
    from flagged

)

select
    lead_id,
    source_relation,
    crm,
    person_type,
    account_id,
    lead_source,
    email_sha256,
    email_domain,
    created_at,
    created_date,
    mql_at,
    sql_at,
    mql_at is not null as is_mql,
    sql_at is not null as is_sql,
    first_touch_channel,
    first_touch_campaign,
    lead_creation_channel,
    lead_creation_campaign,
    first_touch_property_id,
    lead_creation_property_id,
    form_session_key,
    form_submitted_at,
    seconds_to_submit,
    form_starts_before_submit,
    has_form_submit,
    is_disposable_email_domain,
    is_free_email_domain,
    is_duplicate_email,
    is_fast_form_submit,
    is_zero_engagement_session,
    is_missing_form_start,
    behaviour_signals,
    is_bot_like_behaviour,
    (
        false
        {%- for name in junk_reasons %}
            or {{ flags[name] }}
        {%- endfor %}
        or is_bot_like_behaviour
    ) as is_junk,
    {{ sam.lead_flag_names(flags.keys() | list) }} as quality_flags,
    case
        when is_bot_like_behaviour
            then {{ sam.lead_flag_names(junk_reasons + behaviour_signals) }}
        else {{ sam.lead_flag_names(junk_reasons) }}
    end as junk_reasons
{{ sam.column_list(pass_through, leading=true) }}
from scored
