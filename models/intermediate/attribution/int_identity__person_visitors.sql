{#- Which web visitors (user_pseudo_id) are which CRM person, and how we know: one edge per
    method. Direct methods first (hidden-field client id, user_id, gclid), then a second hop
    through user_id that adds the person's other devices. -#}
{#- No date to partition on (an edge holds for all time): clustered only. -#}
{{ config(materialized='table', cluster_by=['person_id', 'user_pseudo_id']) }}

{%- set user_id_holds = var('sam_ga4_user_id_holds') -%}
{%- if user_id_holds not in ('none', 'crm_id', 'email_sha256') -%}
    {{ exceptions.raise_compiler_error(
        "var sam_ga4_user_id_holds must be none, crm_id or email_sha256, not '"
        ~ user_id_holds ~ "'") }}
{%- endif %}

with

people as (

    select
        person_id,
        created_at
    from {{ ref('int_crm__people') }}

),

identifiers as (

    select
        person_id,
        identifier_kind,
        identifier_value,
        observed_at
    from {{ ref('int_crm__person_identifiers') }}

),

visitor_user_ids as (

    select
        user_pseudo_id,
        user_id,
        first_seen_at
    from {{ ref('int_ga4__visitor_user_ids') }}

),

sessions as (

    select
        user_pseudo_id,
        gclid,
        session_start_at
    from {{ ref('int_ga4__sessions') }}
    where user_pseudo_id is not null

),

visitors as (

    select
        user_pseudo_id,
        min(session_start_at) as first_session_at
    from sessions
    group by user_pseudo_id

),

-- The _ga client id a hidden form field saved on the CRM record is the visitor's user_pseudo_id.
by_ga_client_id as (

    select
        identifiers.person_id,
        visitors.user_pseudo_id,
        'ga_client_id' as match_method,
        coalesce(identifiers.observed_at, people.created_at) as matched_at
    from identifiers
    inner join visitors on identifiers.identifier_value = visitors.user_pseudo_id
    inner join people on identifiers.person_id = people.person_id
    where identifiers.identifier_kind = 'ga_client_id'

),

-- GA4 user_id equals the CRM id or the e-mail hash (var sam_ga4_user_id_holds); with 'none' the
-- kind matches no identifier and this method finds nothing.
by_user_id as (

    select
        identifiers.person_id,
        visitor_user_ids.user_pseudo_id,
        'user_id' as match_method,
        visitor_user_ids.first_seen_at as matched_at
    from identifiers
    inner join visitor_user_ids on identifiers.identifier_value = visitor_user_ids.user_id
    where identifiers.identifier_kind = '{{ user_id_holds }}'

),

-- The gclid on the CRM record names the ad click, hence the session (and visitor) it landed in.
by_gclid as (

    select
        identifiers.person_id,
        sessions.user_pseudo_id,
        'gclid' as match_method,
        sessions.session_start_at as matched_at
    from identifiers
    inner join sessions on identifiers.identifier_value = sessions.gclid
    where identifiers.identifier_kind = 'gclid'

),

direct_edges as (

    select * from by_ga_client_id
    union all
    select * from by_user_id
    union all
    select * from by_gclid

),

-- A matched visitor that signed in (user_id) ties the person to every other browser that carried
-- the same user_id: the person's other devices. Works whatever user_id holds.
by_user_id_device as (

    select
        direct_edges.person_id,
        other_devices.user_pseudo_id,
        'user_id_device' as match_method,
        case
            when other_devices.first_seen_at > direct_edges.matched_at
                then other_devices.first_seen_at
            else direct_edges.matched_at
        end as matched_at
    from direct_edges
    inner join visitor_user_ids as matched_devices
        on direct_edges.user_pseudo_id = matched_devices.user_pseudo_id
    inner join visitor_user_ids as other_devices
        on
            matched_devices.user_id = other_devices.user_id
            and matched_devices.user_pseudo_id != other_devices.user_pseudo_id

),

all_edges as (

    select * from direct_edges
    union all
    select * from by_user_id_device

)

select
    person_id,
    user_pseudo_id,
    match_method,
    min(matched_at) as matched_at
from all_edges
group by person_id, user_pseudo_id, match_method
