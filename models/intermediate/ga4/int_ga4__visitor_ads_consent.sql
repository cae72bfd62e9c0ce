{{ config(materialized='table') }}

{#- One row per GA4 visitor that ever reported a consent-mode ads_storage state: its latest state.
    denied = the visitor's latest ads_storage was 'No': SAM sends none of its ad identifiers. -#}

with

events as (

    select * from {{ ref('stg_ga4__events') }}

),

latest as (

    select
        user_pseudo_id,
        privacy_ads_storage,
        event_at
    from events
    where user_pseudo_id is not null and privacy_ads_storage is not null
    qualify row_number() over (
            partition by user_pseudo_id
            order by
                event_timestamp desc, batch_page_id desc, batch_ordering_id desc,
                batch_event_index desc, event_key desc
        ) = 1

)

select
    -- ids
    user_pseudo_id,

    -- strings
    case
        when lower(privacy_ads_storage) in ('no', 'denied') then 'denied'
        when lower(privacy_ads_storage) in ('yes', 'granted') then 'granted'
        else 'unknown'
    end as ads_consent,

    -- timestamps
    event_at as consent_observed_at

from latest
