{#- One row per live Salesforce opportunity x stage entry: the opportunity_history rows where the
    stage differs from the row before (a row that only changes the amount or close date is not an
    entry). stage_order comes from var sam_salesforce_stage_order; moving back to an earlier stage
    of that order is flagged is_regression. -#}

{%- set stage_order = var('sam_salesforce_stage_order') or [] -%}

with

history as (

    select * from {{ ref('stg_salesforce__opportunity_history') }}
    where not is_deleted and changed_at is not null

),

opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}
    where not is_deleted

),

sequenced as (

    select
        history.opportunity_id,
        history.stage_name,
        history.changed_at,
        lag(history.stage_name) over (
            partition by history.opportunity_id
            order by history.changed_at, history.opportunity_history_id
        ) as previous_stage_name
    from history
    inner join opportunities
        on history.opportunity_id = opportunities.opportunity_id

),

entries as (

    select distinct
        opportunity_id,
        stage_name,
        changed_at as stage_entered_at,
        case
            {%- for stage in stage_order %}
                when stage_name = '{{ stage | replace("'", "''") }}' then {{ loop.index }}
            {%- endfor %}
            else cast(null as {{ dbt.type_bigint() }})
        end as stage_order
    from sequenced
    where previous_stage_name is null or stage_name != previous_stage_name

),

ordered as (

    select
        opportunity_id,
        stage_name,
        stage_entered_at,
        stage_order,
        lead(stage_entered_at) over (
            partition by opportunity_id
            order by stage_entered_at, stage_order, stage_name
        ) as stage_exited_at,
        lag(stage_order) over (
            partition by opportunity_id
            order by stage_entered_at, stage_order, stage_name
        ) as previous_stage_order
    from entries

),

final as (

    select
        -- ids
        opportunity_id as deal_id,
        stage_name as stage_id,

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
