with

events as (

    select * from {{ ref('base_ga4__events') }}

),

renamed as (

    select
        -- ids
        event_key,
        property_id,
        stream_id,
        user_pseudo_id,
        user_id,
        ga_session_id,
        session_key,
        unsessionized_reason,

        -- strings
        event_name,
        ga_session_number,
        page_location,
        page_referrer,
        page_title,
        platform,
        device_category,
        device_browser,
        geo_country,
        privacy_analytics_storage,
        privacy_ads_storage,
        form_id,
        form_name,
        form_destination,
        event_currency,

        -- traffic source candidates (raw case; the channel rules lowercase)
        nullif(trim(param_source), '') as param_source,
        nullif(trim(param_medium), '') as param_medium,
        nullif(trim(param_campaign), '') as param_campaign,
        nullif(trim(collected_source), '') as collected_source,
        nullif(trim(collected_medium), '') as collected_medium,
        nullif(trim(collected_campaign), '') as collected_campaign,
        {{ sam.url_query_param('page_location', 'utm_source') }} as url_utm_source,
        {{ sam.url_query_param('page_location', 'utm_medium') }} as url_utm_medium,
        {{ sam.url_query_param('page_location', 'utm_campaign') }} as url_utm_campaign,
        coalesce(
            nullif(trim(param_gclid), ''),
            nullif(trim(collected_gclid), ''),
            {{ sam.url_query_param('page_location', 'gclid') }}
        ) as gclid,
        -- Google Ads click ids of iOS app-to-web (gbraid) and web-to-app (wbraid) measurement
        {{ sam.url_query_param('page_location', 'gbraid') }} as gbraid,
        {{ sam.url_query_param('page_location', 'wbraid') }} as wbraid,
        nullif(trim(last_click_source), '') as last_click_source,
        nullif(trim(last_click_medium), '') as last_click_medium,
        nullif(trim(last_click_campaign), '') as last_click_campaign,
        nullif(trim(last_click_default_channel_group), '') as last_click_default_channel_group,
        nullif(trim(cast(last_click_google_ads_campaign_id as {{ sam.type_string() }})), '')
            as last_click_google_ads_campaign_id,
        first_user_source,
        first_user_medium,
        first_user_campaign,

        -- numerics
        engagement_time_msec,
        event_value,
        batch_page_id,
        batch_ordering_id,
        batch_event_index,

        -- booleans
        session_engaged_param = '1' as is_session_engaged_event,
        coalesce(entrances = 1, false) as is_entrance,
        is_intraday_shard,

        -- dates and timestamps
        event_date_dt,
        event_timestamp,
        {{ sam.timestamp_from_micros('event_timestamp') }} as event_at

    from events

)

select
    *,
    session_key is null as is_unsessionized
from renamed
