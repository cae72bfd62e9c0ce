{{ config(**sam.ga4_incremental_config('session_date', ['session_key'])) }}

{%- set session_window = sam.ga4_session_window() %}

{#- One row per GA4 session x Google Ads click id kind (gclid, gbraid, wbraid) it carried: the first
    event with that kind of id, its time (the click) and the visitor's ads consent on that event.
    What Google Ads offline click conversions are keyed on. Incremental by session date like
    int_ga4__sessions (ga4_session_window): a run re-derives the clicks of the sessions that started
    in the window from all of their events; older sessions keep their rows. -#}

with

events as (

    select * from {{ ref('stg_ga4__events') }}
    where session_key is not null {{ sam.ga4_session_window_filter(session_window, 'event_date_dt', 'read') }}

),

-- The session date of each session (the partition), and only the sessions of the window.
sessions as (

    select
        session_key,
        session_date
    from {{ ref('int_ga4__sessions') }}
    {{ sam.ga4_session_window_filter(session_window, 'session_date', 'rewrite', 'where') }}

),

{%- set kinds = ['gclid', 'gbraid', 'wbraid'] %}

{%- for kind in kinds %}

    first_{{ kind }} as (

        select
            session_key,
            user_pseudo_id,
            '{{ kind }}' as click_id_kind,
            {{ kind }} as click_id,
            event_at as clicked_at,
            privacy_ads_storage
        from events
        where {{ kind }} is not null
        qualify row_number() over (
                partition by session_key
                order by {{ sam.ga4_event_order() }}
            ) = 1

    ),
{%- endfor %}

clicks as (

    {%- for kind in kinds %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select * from first_{{ kind }}
    {%- endfor %}

)

select
    -- ids
    clicks.session_key,
    clicks.user_pseudo_id,

    -- strings
    clicks.click_id_kind,
    clicks.click_id,
    clicks.privacy_ads_storage,

    -- dates
    sessions.session_date,

    -- timestamps
    clicks.clicked_at

from clicks
inner join sessions on clicks.session_key = sessions.session_key
