{#- One row per live Salesforce opportunity x stage entry: the opportunity_history rows where the
    stage differs from the row before (a row that only changes the amount or close date is not an
    entry). stage_order comes from var sam_salesforce_stage_order; moving back to an earlier stage
    of that order is flagged is_regression. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

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

    -- a Salesforce opportunity stage is identified by its name
    select distinct
        opportunity_id as deal_id,
        stage_name as stage_id,
        stage_name,
        changed_at as stage_entered_at,
        case
            {%- for stage in stage_order %}
                when stage_name = '{{ stage | replace("'", "''") }}' then {{ loop.index }}
            {%- endfor %}
            else cast(null as {{ sam.type_bigint() }})
        end as stage_order
    from sequenced
    where previous_stage_name is null or stage_name != previous_stage_name

),

{{ sam.crm_stage_history_from_entries('entries') }}

select * from final
