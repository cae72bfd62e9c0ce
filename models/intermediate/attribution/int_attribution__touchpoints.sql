{#- Every touch of every CRM person: each session of each visitor stitched to the person, plus
    the person's offline CRM touches (var sam_attribution_include_offline_touches). No time
    filter here: the journeys apply the conversion time and the lookback window. -#}
{{ config(materialized='table') }}

with

edges as (

    select * from {{ ref('int_identity__person_visitors') }}

),

sessions as (

    select
        session_key,
        user_pseudo_id,
        session_start_at,
        source,
        medium,
        campaign,
        channel
    from {{ ref('fct_sessions') }}
    where user_pseudo_id is not null

),

offline_touches as (

    select * from {{ ref('int_crm__offline_touches') }}

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

)

select * from web_touches
union all
select * from crm_touches
