{#- One row per platform x ad campaign (latest version) with its channel and the session campaign
    its spend meets. The match: the campaign's normalised name (or its row in the seed
    sam_ad_campaign_map) equals the normalised utm_campaign of sessions whose source says they came
    from the same platform (sam_session_ad_platform) - so two platforms' campaigns of the same name
    never meet each other's sessions. -#}

with

campaigns as (
    select * from {{ ref('int_ad_platforms__campaigns') }}
),

campaign_map as (
    select * from {{ ref('sam_ad_campaign_map') }}
),

sessions as (
    select * from {{ ref('fct_sessions') }}
),

session_campaigns as (
    select
        {{ sam_session_ad_platform('source') }} as platform,
        {{ sam_campaign_key('campaign') }} as campaign_key,
        count(*) as sessions,
        min(session_date) as first_session_date,
        max(session_date) as last_session_date
    from sessions
    group by 1, 2
),

lookup_keys as (
    select
        campaigns.*,
        {{ sam_campaign_key('campaign_map.utm_campaign') }} as mapped_campaign_key
    from campaigns
    left join campaign_map
        on campaigns.platform = trim(campaign_map.platform)
            and campaigns.campaign_id = trim(cast(campaign_map.campaign_id as {{ sam.type_string() }}))
),

matched as (
    select
        lookup_keys.*,
        session_campaigns.campaign_key as session_campaign_key,
        session_campaigns.sessions,
        session_campaigns.first_session_date,
        session_campaigns.last_session_date
    from lookup_keys
    left join session_campaigns
        on lookup_keys.platform = session_campaigns.platform
            and coalesce(lookup_keys.mapped_campaign_key, lookup_keys.campaign_key)
            = session_campaigns.campaign_key
),

final as (
    select
        -- ids
        platform,
        campaign_id,
        account_id,
        campaign_group_id,

        -- strings
        campaign_name,
        campaign_key,
        campaign_type,
        campaign_status,
        campaign_group_name,
        account_name,
        currency_code,
        time_zone,
        source,
        medium,
        channel,
        channel_rule,
        session_campaign_key,
        case
            when session_campaign_key is null then 'unmatched'
            when mapped_campaign_key is not null then 'override'
            else 'name'
        end as campaign_match,

        -- numerics
        coalesce(sessions, 0) as matched_sessions,

        -- booleans
        is_in_campaign_history,

        -- dates
        first_session_date,
        last_session_date
    from matched
)

select * from final
