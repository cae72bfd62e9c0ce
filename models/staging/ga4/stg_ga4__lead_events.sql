{#- The GA4 events that count as a lead (var sam_lead_events), one row each. -#}

with

events as (

    select * from {{ ref('base_ga4__events') }}

),

lead_events as (

    select
        -- ids
        event_key as lead_event_key,
        session_key,
        user_pseudo_id,
        user_id,

        -- strings
        event_name,
        form_id,
        form_name,
        form_destination,
        page_location,
        event_currency,

        -- numerics
        event_value,

        -- dates and timestamps
        event_date_dt,
        event_timestamp,
        {{ sam.timestamp_from_micros('event_timestamp') }} as event_at

    from events
    where event_name in ('{{ var("sam_lead_events") | join("', '") }}')

)

select * from lead_events
