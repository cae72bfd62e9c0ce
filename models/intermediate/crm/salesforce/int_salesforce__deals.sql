{#- One row per live Salesforce opportunity (deleted ones are excluded and counted in
    int_salesforce__excluded_records). closed_at is when the opportunity entered its current
    closed stage (opportunity_history), else its close date; amounts are converted on the close
    day of a closed opportunity, else on its create day. -#}

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

    select
        stage_history.deal_id,
        max(stage_history.stage_entered_at) as current_stage_entered_at
    from stage_history
    inner join opportunities
        on stage_history.deal_id = opportunities.opportunity_id
            and stage_history.stage_id = opportunities.stage_name
    group by stage_history.deal_id

),

enriched as (

    select
        opportunities.opportunity_id as deal_id,
        opportunities.opportunity_name as deal_name,
        opportunities.record_type_id as pipeline_id,
        opportunities.stage_name,
        opportunities.created_at,
        opportunities.is_closed,
        opportunities.is_won,
        case
            when opportunities.is_closed
                then coalesce(current_stage_entries.current_stage_entered_at, opportunities.close_date_at)
        end as closed_at,
        opportunities.currency_original,
        opportunities.amount_original,
        opportunities.account_id,
        opportunities.campaign_id
    from opportunities
    left join current_stage_entries
        on opportunities.opportunity_id = current_stage_entries.deal_id

),

final as (

    select
        -- ids
        enriched.deal_id,
        enriched.pipeline_id,
        enriched.stage_name as stage_id,
        enriched.account_id,
        enriched.campaign_id,

        -- strings
        'salesforce' as crm,
        enriched.deal_name,
        cast(null as {{ dbt.type_string() }}) as pipeline_name,
        enriched.stage_name,
        enriched.currency_original,

        -- numerics
        enriched.amount_original,
        {{ sam.to_reporting_currency('enriched.amount_original', 'enriched.currency_original', 'fx_rates.rate') }}
            as amount,

        -- booleans
        enriched.is_closed,
        enriched.is_won,
        {{ sam.fx_rate_missing('enriched.currency_original', 'fx_rates.rate') }} as fx_rate_missing,

        -- timestamps
        enriched.created_at,
        enriched.closed_at

    from enriched
    left join fx_rates
        on {{ sam.deal_fx_day('enriched.closed_at', 'enriched.created_at') }} = fx_rates.date_day
            and enriched.currency_original = fx_rates.currency_from

)

select * from final
