{#- Every touch of every CRM person: each session of each visitor stitched to the person, plus
    the person's offline CRM touches (var sam_attribution_include_offline_touches), plus the touch
    the CRM recorded at the person's creation (int_attribution__crm_recorded_touches, var
    sam_crm_recorded_touches: fallback = only for people with no web or offline touch at or before
    their creation, always, none). No time filter here: the journeys apply the conversion time and
    the lookback window. -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('touched_at', 'timestamp'),
        cluster_by=['person_id', 'channel'],
    )
}}

{%- set crm_recorded_mode = var('sam_crm_recorded_touches') %}
{%- if crm_recorded_mode not in ['fallback', 'always', 'none'] %}
    {{ exceptions.raise_compiler_error(
        "var sam_crm_recorded_touches must be fallback, always or none, got '" ~ crm_recorded_mode ~ "'") }}
{%- endif %}

with

edges as (

    select * from {{ ref('int_identity__person_visitors') }}

),

sessions as (

    select
        session_key,
        property_id,
        user_pseudo_id,
        session_start_at,
        source,
        medium,
        campaign,
        channel
    from {{ ref('int_ga4__sessions') }}
    where user_pseudo_id is not null

),

offline_touches as (

    select * from {{ ref('int_crm__offline_touches') }}

),

crm_recorded_touches as (

    select * from {{ ref('int_attribution__crm_recorded_touches') }}

),

session_gclids as (

    select distinct gclid
    from {{ ref('int_ga4__sessions') }}
    where gclid is not null

),

-- One row per person x visitor, with every method that found the pair.
person_visitors as (

    select
        person_id,
        user_pseudo_id,
        max(case when match_method = 'ga_client_id' then 1 else 0 end) = 1 as is_ga_client_id_match,
        max(case when match_method = 'user_id' then 1 else 0 end) = 1 as is_user_id_match,
        max(case when match_method = 'gclid' then 1 else 0 end) = 1 as is_gclid_match,
        max(case when match_method = 'user_id_device' then 1 else 0 end) = 1
            as is_user_id_device_match
    from edges
    group by person_id, user_pseudo_id

),

web_touches as (

    select
        person_visitors.person_id,
        sessions.session_key as touchpoint_id,
        'web' as touch_type,
        sessions.session_start_at as touched_at,
        coalesce(sessions.channel, 'Unassigned') as channel,
        sessions.campaign,
        sessions.source,
        sessions.medium,
        sessions.user_pseudo_id,
        sessions.property_id,
        person_visitors.is_ga_client_id_match,
        person_visitors.is_user_id_match,
        person_visitors.is_gclid_match,
        person_visitors.is_user_id_device_match
    from person_visitors
    inner join sessions on person_visitors.user_pseudo_id = sessions.user_pseudo_id

),

crm_touches as (

    select
        person_id,
        {{ dbt.concat(["'offline:'", "offline_touch_id"]) }} as touchpoint_id,
        'offline' as touch_type,
        touched_at,
        channel,
        campaign_name as campaign,
        cast(null as {{ sam.type_string() }}) as source,
        cast(null as {{ sam.type_string() }}) as medium,
        cast(null as {{ sam.type_string() }}) as user_pseudo_id,
        cast(null as {{ sam.type_string() }}) as property_id,
        false as is_ga_client_id_match,
        false as is_user_id_match,
        false as is_gclid_match,
        false as is_user_id_device_match
    from offline_touches
    where
        touched_at is not null
    {%- if not var('sam_attribution_include_offline_touches') %}
            and false
        {%- endif %}

),

observed_touches as (

    select * from web_touches
    union all
    select * from crm_touches

),

first_observed as (

    select
        person_id,
        min(touched_at) as first_touched_at
    from observed_touches
    group by person_id

),

recorded_touches as (

    select
        crm_recorded_touches.person_id,
        crm_recorded_touches.touchpoint_id,
        'crm_recorded' as touch_type,
        crm_recorded_touches.touched_at,
        crm_recorded_touches.channel,
        crm_recorded_touches.campaign,
        crm_recorded_touches.source,
        crm_recorded_touches.medium,
        cast(null as {{ sam.type_string() }}) as user_pseudo_id,
        cast(null as {{ sam.type_string() }}) as property_id,
        false as is_ga_client_id_match,
        false as is_user_id_match,
        false as is_gclid_match,
        false as is_user_id_device_match
    from crm_recorded_touches
    left join first_observed on crm_recorded_touches.person_id = first_observed.person_id
    -- a click id counts only when no session carries it (else the session is the touch)
    left join session_gclids
        on
            crm_recorded_touches.recorded_by = 'gclid'
            and crm_recorded_touches.gclid = session_gclids.gclid
    where
        session_gclids.gclid is null
        and
        {%- if crm_recorded_mode == 'always' %}
        true
    {%- elif crm_recorded_mode == 'fallback' %}
            (
                first_observed.first_touched_at is null
                or first_observed.first_touched_at > crm_recorded_touches.touched_at
            )
        {%- else %}
        false
    {%- endif %}

)

select * from observed_touches
union all
select * from recorded_touches
