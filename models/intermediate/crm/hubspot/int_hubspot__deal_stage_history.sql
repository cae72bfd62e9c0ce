{#- One row per live HubSpot deal x stage entry, from deal_stage.date_entered (never
    _fivetran_start, a sync time). A deal that moves back to an earlier stage of the pipeline
    order (display_order) is flagged is_regression on that entry. -#}

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

ordered as (

    select
        entries.deal_id,
        entries.stage_id,
        pipeline_stages.stage_name,
        entries.stage_entered_at,
        pipeline_stages.stage_order,
        lead(entries.stage_entered_at) over (
            partition by entries.deal_id
            order by entries.stage_entered_at, pipeline_stages.stage_order, entries.stage_id
        ) as stage_exited_at,
        lag(pipeline_stages.stage_order) over (
            partition by entries.deal_id
            order by entries.stage_entered_at, pipeline_stages.stage_order, entries.stage_id
        ) as previous_stage_order
    from entries
    left join pipeline_stages
        on entries.stage_id = pipeline_stages.stage_id

),

final as (

    select
        -- ids
        deal_id,
        stage_id,

        -- strings
        stage_name,

        -- numerics
        stage_order,

        -- booleans
        coalesce(stage_order < previous_stage_order, false) as is_regression,

        -- timestamps
        stage_entered_at,
        stage_exited_at

    from ordered

)

select * from final
