-- A table, not the layer's default ephemeral: dbt unit tests cannot test an ephemeral model, and
-- the channel rules are the logic most worth unit testing. Not a view: its data tests and
-- int_ga4__sessions would each recompute the whole session chain.
-- Incremental by session date, over the sessions int_ga4__sessions_sourced re-derived
-- (ga4_session_window). A change of an ad campaign's type reclassifies the sessions of later runs
-- only; --full-refresh reclassifies every session.
{{ config(**sam.ga4_incremental_config('session_date', ['session_key'])) }}

{%- set session_window = sam.ga4_session_window() %}

{%- set google_types = var('sam_google_ads_campaign_type_channels') or {} %}
{%- set microsoft_types = var('sam_microsoft_ads_campaign_type_channels') or {} %}
{%- set use_google = var('sam_google_ads_enabled') and google_types %}
{%- set use_microsoft = var('sam_microsoft_ads_enabled') and microsoft_types %}
{%- set google_types = google_types if use_google else {} %}
{%- set microsoft_types = microsoft_types if use_microsoft else {} %}

with

sessions as (
    select * from {{ ref('int_ga4__sessions_sourced') }}
    {{ sam.ga4_session_window_filter(session_window, 'session_date', 'rewrite', 'where') }}
),

-- Ad campaign types (latest version of each campaign): Google Ads by the campaign id GA4's last
-- click carries (a gclid session of a Display / Video / Shopping / Performance Max campaign is
-- that channel although GA4 says google / cpc); Microsoft Ads by campaign name (GA4 carries no
-- Microsoft campaign id).
ads_campaign_types as (
    {%- if use_google %}
        select
            'google_ads' as platform,
            campaign_id as campaign_key,
            upper(trim(campaign_type)) as campaign_type
        from {{ ref('stg_google_ads__campaign_history') }}
        where is_latest_version
    {%- endif %}
    {%- if use_google and use_microsoft %}
        union all
    {%- endif %}
    {%- if use_microsoft %}
        select
            'microsoft_ads' as platform,
            lower(trim(campaign_name)) as campaign_key,
            min(trim(campaign_type)) as campaign_type
        from {{ ref('stg_microsoft_ads__campaign_history') }}
        where is_latest_version
        group by lower(trim(campaign_name))
    {%- endif %}
    {%- if not (use_google or use_microsoft) %}
        select
            cast(null as {{ sam.type_string() }}) as platform,
            cast(null as {{ sam.type_string() }}) as campaign_key,
            cast(null as {{ sam.type_string() }}) as campaign_type
        from sessions
        where false
    {%- endif %}
),

-- Normalised source -> category, the same lookup the ad campaigns use (macros/channels/).
source_categories as (
    {{ sam_source_categories() }}
),

categorised as (
    select
        sessions.session_key,
        sessions.session_date,
        sessions.source,
        sessions.medium,
        sessions.campaign,
        sessions.native_channel_group,
        source_categories.source_category,
        -- the channel of the session's ad campaign type (var sam_<platform>_campaign_type_channels)
        case
            {%- for type, channel in google_types.items() %}
                when
                    sessions.gclid is not null
                    and google_ads_campaigns.campaign_type = '{{ type | upper | replace("'", "''") }}'
                    then '{{ channel | replace("'", "''") }}'
            {%- endfor %}
            {%- for type, channel in microsoft_types.items() %}
                when
                    lower(sessions.source) = 'bing' and lower(sessions.medium) = 'cpc'
                    and microsoft_ads_campaigns.campaign_type = '{{ type | replace("'", "''") }}'
                    then '{{ channel | replace("'", "''") }}'
            {%- endfor %}
            when false then cast(null as {{ sam.type_string() }})
        end as ads_campaign_channel
    from sessions
    left join source_categories
        on {{ sam_source_category_match('sessions.source', 'source_categories') }}
    left join ads_campaign_types as google_ads_campaigns
        on
            google_ads_campaigns.platform = 'google_ads'
            and sessions.google_ads_campaign_id = google_ads_campaigns.campaign_key
    left join ads_campaign_types as microsoft_ads_campaigns
        on
            microsoft_ads_campaigns.platform = 'microsoft_ads'
            and lower(trim(sessions.campaign)) = microsoft_ads_campaigns.campaign_key
),

final as (
    select
        session_key,
        session_date,
        {{ sam_session_channel(
            'source', 'medium', 'campaign', 'source_category',
            native_channel_group='native_channel_group',
            overrides=var('sam_channel_overrides'),
            ads_campaign_channel='ads_campaign_channel',
        ) }} as channel,
        {{ sam_session_channel_rule(
            'source', 'medium', 'campaign', 'source_category',
            native_channel_group='native_channel_group',
            overrides=var('sam_channel_overrides'),
            ads_campaign_channel='ads_campaign_channel',
        ) }} as channel_rule,
        source_category
    from categorised
)

select * from final
