-- A table, not the layer's default ephemeral: dbt unit tests cannot test an ephemeral model, and
-- the channel rules are the logic most worth unit testing. Not a view: its data tests and
-- fct_sessions would each recompute the whole session chain.
{{ config(materialized='table') }}

with

sessions as (
    select * from {{ ref('int_ga4__sessions_sourced') }}
),

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
        source_categories.source_category
    from sessions
    left join source_categories
        on {{ sam_source_category_match('sessions.source', 'source_categories') }}
),

final as (
    select
        session_key,
        {{ sam_session_channel(
            'source', 'medium', 'campaign', 'source_category',
            native_channel_group='native_channel_group',
            overrides=var('sam_channel_overrides'),
        ) }} as channel,
        {{ sam_session_channel_rule(
            'source', 'medium', 'campaign', 'source_category',
            native_channel_group='native_channel_group',
            overrides=var('sam_channel_overrides'),
        ) }} as channel_rule,
        source_category
    from categorised
)

select * from final
