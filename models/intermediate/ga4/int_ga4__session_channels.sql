-- A table, not the layer's default ephemeral: dbt unit tests cannot test an ephemeral model, and
-- the channel rules are the logic most worth unit testing. Not a view: its data tests and
-- fct_sessions would each recompute the whole session chain.
{{ config(materialized='table') }}

with

sessions as (
    select * from {{ ref('int_ga4__sessions_sourced') }}
),

{%- set google_types = var('sam_google_ads_campaign_type_channels') or {} %}
{%- set microsoft_types = var('sam_microsoft_ads_campaign_type_channels') or {} %}
{%- set use_google = var('sam_google_ads_enabled') and google_types %}
{%- set use_microsoft = var('sam_microsoft_ads_enabled') and microsoft_types %}

{%- if use_google %}
-- Google Ads campaign types (latest version): a gclid session of a Display / Video / Shopping /
-- Performance Max campaign is that channel although GA4's last click says google / cpc.
google_ads_campaigns as (
    select
        campaign_id,
        upper(trim(campaign_type)) as campaign_type
    from {{ ref('stg_google_ads__campaign_history') }}
    where is_latest_version
),
{%- endif %}

{%- if use_microsoft %}
-- Microsoft Advertising campaign types (latest version), met by campaign name: GA4 carries no
-- Microsoft campaign id.
microsoft_ads_campaigns as (
    select
        lower(trim(campaign_name)) as campaign_key,
        min(trim(campaign_type)) as campaign_type
    from {{ ref('stg_microsoft_ads__campaign_history') }}
    where is_latest_version
    group by lower(trim(campaign_name))
),
{%- endif %}

-- Normalised source -> category, the same lookup the ad campaigns use (macros/channels/).
source_categories as (
    {{ sam_source_categories() }}
),

categorised as (
    select
        sessions.session_key,
        sessions.source,
        sessions.medium,
        sessions.campaign,
        sessions.native_channel_group,
        source_categories.source_category,
        -- the channel of the session's ad campaign type (var sam_<platform>_campaign_type_channels)
        case
        {%- if use_google %}
            when sessions.gclid is not null then
                case google_ads_campaigns.campaign_type
                {%- for type, channel in google_types.items() %}
                    when '{{ type | upper | replace("'", "''") }}' then '{{ channel | replace("'", "''") }}'
                {%- endfor %}
                end
        {%- endif %}
        {%- if use_microsoft %}
            when lower(sessions.source) = 'bing' and lower(sessions.medium) = 'cpc' then
                case microsoft_ads_campaigns.campaign_type
                {%- for type, channel in microsoft_types.items() %}
                    when '{{ type | replace("'", "''") }}' then '{{ channel | replace("'", "''") }}'
                {%- endfor %}
                end
        {%- endif %}
        {%- if not (use_google or use_microsoft) %}
            when false then cast(null as {{ dbt.type_string() }})
        {%- endif %}
        end as ads_campaign_channel
    from sessions
    left join source_categories
        on {{ sam_source_category_match('sessions.source', 'source_categories') }}
    {%- if use_google %}
    left join google_ads_campaigns on sessions.google_ads_campaign_id = google_ads_campaigns.campaign_id
    {%- endif %}
    {%- if use_microsoft %}
    left join microsoft_ads_campaigns on lower(trim(sessions.campaign)) = microsoft_ads_campaigns.campaign_key
    {%- endif %}
),

final as (
    select
        session_key,
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
