{#- One row per live Salesforce opportunity (deleted ones are excluded and counted in
    int_salesforce__excluded_records). closed_at is when the opportunity entered its current
    closed stage (opportunity_history), else its close date; amounts are converted on the close
    day of a closed opportunity, else on its create day. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

with

opportunities as (

    select * from {{ ref('stg_salesforce__opportunities') }}
    where not is_deleted

),

stage_history as (

    select * from {{ ref('int_salesforce__deal_stage_history') }}

),

fx_rates as (

    select * from {{ ref('int_fx__rates_daily') }}

),

current_stage_entries as (

    {{ sam.crm_current_stage_entries('stage_history', 'opportunities', 'opportunity_id', 'stage_name') }}

),

enriched as (

    select
        opportunities.source_relation,
        opportunities.opportunity_id as deal_id,
        opportunities.opportunity_name as deal_name,
        opportunities.record_type_id as pipeline_id,
        cast(null as {{ sam.type_string() }}) as pipeline_name,
        -- a Salesforce opportunity stage is identified by its name
        opportunities.stage_name as stage_id,
        opportunities.stage_name,
        opportunities.created_at,
        opportunities.is_closed,
        opportunities.is_won,
        {{ sam.crm_deal_closed_at(
            'opportunities.is_closed',
            'current_stage_entries.current_stage_entered_at',
            'opportunities.close_date_at',
        ) }} as closed_at,
        opportunities.currency_original,
        opportunities.amount_original,
        opportunities.account_id,
        opportunities.campaign_id
    from opportunities
    left join current_stage_entries
        on opportunities.opportunity_id = current_stage_entries.deal_id

),

final as (

    {{ sam.crm_deals_in_reporting_currency('salesforce', 'enriched', 'fx_rates') }}

)

select * from final
