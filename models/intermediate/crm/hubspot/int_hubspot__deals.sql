{#- One row per live HubSpot deal (deleted deals are excluded and counted in
    int_hubspot__excluded_records). closed_at is when the deal entered its current closed stage
    (deal_stage history), else its close date; amounts are converted on the close day of a
    closed deal, else on its create day. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

with

deals as (

    select * from {{ ref('stg_hubspot__deals') }}
    where not is_deleted

),

pipelines as (

    select * from {{ ref('stg_hubspot__deal_pipelines') }}

),

pipeline_stages as (

    select * from {{ ref('stg_hubspot__deal_pipeline_stages') }}

),

stage_history as (

    select * from {{ ref('int_hubspot__deal_stage_history') }}

),

deal_companies as (

    select * from {{ sam.optional_ref('stg_hubspot__deal_companies') }}

),

fx_rates as (

    select * from {{ ref('int_fx__rates_daily') }}

),

current_stage_entries as (

    {{ sam.crm_current_stage_entries('stage_history', 'deals', 'deal_id', 'stage_id') }}

),

primary_companies as (

    -- HubSpot's primary deal-to-company association is type 5; otherwise the lowest id
    select
        deal_id,
        company_id,
        row_number() over (
            partition by deal_id
            order by case when association_type_id = 5 then 0 else 1 end, company_id
        ) as company_rank
    from deal_companies

),

enriched as (

    select
        deals.source_relation,
        deals.deal_id,
        deals.deal_name,
        deals.pipeline_id,
        pipelines.pipeline_name,
        deals.stage_id,
        pipeline_stages.stage_name,
        deals.created_at,
        coalesce(pipeline_stages.is_closed, false) as is_closed,
        coalesce(pipeline_stages.is_won, false) as is_won,
        {{ sam.crm_deal_closed_at(
            'pipeline_stages.is_closed',
            'current_stage_entries.current_stage_entered_at',
            'deals.close_date_at',
        ) }} as closed_at,
        deals.currency_original,
        deals.amount_original,
        primary_companies.company_id as account_id,
        cast(null as {{ sam.type_string() }}) as campaign_id
    from deals
    left join pipelines
        on deals.pipeline_id = pipelines.pipeline_id
    left join pipeline_stages
        on deals.stage_id = pipeline_stages.stage_id
    left join current_stage_entries
        on deals.deal_id = current_stage_entries.deal_id
    left join primary_companies
        on deals.deal_id = primary_companies.deal_id
            and primary_companies.company_rank = 1

),

final as (

    {{ sam.crm_deals_in_reporting_currency('hubspot', 'enriched', 'fx_rates') }}

)

select * from final
