-- A table, not the layer's default ephemeral: dbt unit tests cannot test an ephemeral model, and
-- the channel rules are the logic most worth unit testing. Not a view: its data tests and
-- fct_sessions would each recompute the whole session chain.
{{ config(materialized='table') }}

with

sessions as (
    select * from {{ ref('int_ga4__sessions_sourced') }}
),

source_category_list as (
    select * from {{ ref('ga4_source_categories') }}
),

-- Google's list has mixed-case keys (`Google Shopping`, `IGShopping`) and GA4 sources arrive in
-- any case, so both sides of the join are normalised the same way. One row per source: should a
-- future copy of the list give a source two categories, the alphabetically first wins (a warn
-- test on the seed reports it); the Nov 2023 list has none.
source_categories as (
    select
        {{ sam_channel_input('source') }} as source_key,
        min(source_category) as source_category
    from source_category_list
    group by 1
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
        on {{ sam_channel_input('sessions.source') }} = source_categories.source_key
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
