{{ config(materialized='table') }}

{#- One row per GA4 visitor that ever reported a consent-mode ads_storage state: its latest state.
    denied = the visitor's latest ads_storage was 'No': SAM sends none of its ad identifiers. -#}

{%- set order = sam.ga4_event_order_columns() %}

with

events as (

    select * from {{ ref('stg_ga4__events') }}

),

-- The visitor's latest event that reports a state: first_by in the reverse of ga4_event_order,
-- one grouped pass instead of a sort of the events.
latest as (

    select
        user_pseudo_id,
        {{ sam.first_by(
            {'privacy_ads_storage': 'privacy_ads_storage', 'event_at': 'event_at'}, order, descending=true
        ) }} as latest_event
    from events
    where user_pseudo_id is not null and privacy_ads_storage is not null
    group by user_pseudo_id

)

select
    -- ids
    user_pseudo_id,

    -- strings
    case
        when lower(latest_event.privacy_ads_storage) in ('no', 'denied') then 'denied'
        when lower(latest_event.privacy_ads_storage) in ('yes', 'granted') then 'granted'
        else 'unknown'
    end as ads_consent,

    -- timestamps
    latest_event.event_at as consent_observed_at

from latest
