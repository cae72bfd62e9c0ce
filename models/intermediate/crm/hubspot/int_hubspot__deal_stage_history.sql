{#- One row per live HubSpot deal x stage entry, from deal_stage.date_entered (never
    _fivetran_start, a sync time). A deal that moves back to an earlier stage of the pipeline
    order (display_order) is flagged is_regression on that entry. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

with

deal_stages as (

    select * from {{ ref('stg_hubspot__deal_stages') }}

),

pipeline_stages as (

    select * from {{ ref('stg_hubspot__deal_pipeline_stages') }}

),

deals as (

    select * from {{ ref('stg_hubspot__deals') }}
    where not is_deleted

),

entries as (

    -- Fivetran history mode can land one entry twice (re-synced): keep one
    select distinct
        deal_stages.deal_id,
        deal_stages.stage_id,
        deal_stages.stage_entered_at
    from deal_stages
    inner join deals
        on deal_stages.deal_id = deals.deal_id
    where deal_stages.stage_entered_at is not null

),

staged_entries as (

    select
        entries.deal_id,
        entries.stage_id,
        pipeline_stages.stage_name,
        entries.stage_entered_at,
        pipeline_stages.stage_order
    from entries
    left join pipeline_stages
        on entries.stage_id = pipeline_stages.stage_id

),

{{ sam.crm_stage_history_from_entries('staged_entries') }}

select * from final
