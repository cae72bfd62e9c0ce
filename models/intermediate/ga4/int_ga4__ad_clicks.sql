{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('clicked_at', 'timestamp'),
        cluster_by=['session_key'],
    )
}}

{#- One row per GA4 session x Google Ads click id kind (gclid, gbraid, wbraid) it carried: the first
    event with that kind of id, its time (the click) and the visitor's ads consent on that event.
    What Google Ads offline click conversions are keyed on. -#}

with

events as (

    select * from {{ ref('stg_ga4__events') }}
    where session_key is not null

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
    session_key,
    user_pseudo_id,

    -- strings
    click_id_kind,
    click_id,
    privacy_ads_storage,

    -- timestamps
    clicked_at

from clicks
