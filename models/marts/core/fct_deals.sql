{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('created_date'),
        cluster_by=['opportunity_channel'],
    )
}}

{#- Every live CRM deal with its amount in the reporting currency, its outcome and the channel of
    the touch that opened it. -#}
{#- CRM custom fields passed through (macros/crm/pass_through_columns.sql), last in the table -#}
{%- set pass_through = sam.crm_pass_through_aliases('deal') %}

with

deals as (

    select * from {{ ref('int_crm__deals') }}

),

deal_people as (

    select * from {{ ref('int_crm__deal_people') }}

),
{%- if pass_through %}

pass_through as (

    select * from {{ ref('int_crm__pass_through') }}
    where record_type = 'deal'

),
{%- endif %}

deal_journeys as (

    select * from {{ ref('int_attribution__journeys') }}
    where conversion_type = 'opportunity_created' and is_converting

),

primary_people as (

    select
        deal_id,
        person_id as primary_person_id
    from deal_people
    -- (a WHERE keeps QUALIFY valid on BigQuery versions that require one)
    where person_id is not null
    qualify row_number() over (
            partition by deal_id
            order by case when is_primary then 0 else 1 end, person_id
        ) = 1

),

committee as (

    select
        deal_id,
        count(*) as deal_people
    from deal_people
    group by deal_id

),

-- The OC touch: the last touch at or before the opportunity was created.
opened_by as (

    select
        conversion_id as deal_id,
        max(case when is_oc then channel end) as opportunity_channel,
        max(case when is_oc then campaign end) as opportunity_campaign
    from deal_journeys
    group by conversion_id

)

select
    deals.deal_id,
    deals.source_relation,
    deals.crm,
    deals.deal_name,
    deals.pipeline_id,
    deals.pipeline_name,
    deals.stage_id,
    deals.stage_name,
    deals.account_id,
    deals.campaign_id,
    primary_people.primary_person_id,
    coalesce(committee.deal_people, 0) as deal_people,
    coalesce(opened_by.opportunity_channel, '(no web touch)') as opportunity_channel,
    opened_by.opportunity_campaign,
    deals.created_at,
    {{ sam.local_date('deals.created_at') }} as created_date,
    deals.closed_at,
    {{ sam.local_date('deals.closed_at') }} as closed_date,
    deals.is_closed,
    deals.is_won,
    deals.is_closed and not deals.is_won as is_lost,
    deals.currency_original,
    deals.amount_original,
    deals.amount,
    deals.fx_rate_missing,
    case when deals.is_won then deals.amount end as won_amount
{{ sam.column_list(pass_through, 'pass_through.', leading=true) }}
from deals
left join primary_people on deals.deal_id = primary_people.deal_id
left join committee on deals.deal_id = committee.deal_id
left join opened_by on deals.deal_id = opened_by.deal_id
{%- if pass_through %}
left join pass_through on deals.deal_id = pass_through.record_id
{%- endif %}
