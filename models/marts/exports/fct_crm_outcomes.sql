{#- Every CRM outcome SAM can send back to GA4 and the ad platforms, one row each: a person
    reaching a funnel milestone (lead_created, mql, sal, sql) and a deal being opened, won or lost,
    with its value, its person and that person's lead quality. The exp_ models pick the outcomes
    each destination takes (mapping vars) and say per row whether it can be sent. -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('occurred_at', 'timestamp'),
        cluster_by=['outcome'],
    )
}}

{%- set milestone_values = var('sam_export_milestone_values') %}
{%- set milestone_currency = var('sam_export_milestone_currency') %}

with

milestones as (

    select * from {{ ref('int_crm__lead_milestones') }}

),

leads as (

    select * from {{ ref('fct_leads') }}

),

deals as (

    select * from {{ ref('fct_deals') }}

),

person_outcomes as (

    select
        person_id || ':' || milestone as outcome_key,
        milestone as outcome,
        'person' as outcome_kind,
        person_id,
        cast(null as {{ sam.type_string() }}) as deal_id,
        reached_at as occurred_at,
        {%- if milestone_values | length == 0 %}
            cast(null as {{ sam.type_float() }}) as outcome_value,
        {%- else %}
        cast(case milestone
            {%- for milestone, value in milestone_values.items() %}
            when '{{ milestone }}' then {{ value }}
            {%- endfor %}
        end as {{ sam.type_float() }}) as outcome_value,
        {%- endif %}
        {%- if milestone_currency %}
        '{{ milestone_currency }}' as currency
        {%- else %}
            cast(null as {{ sam.type_string() }}) as currency
        {%- endif %}
    from milestones

),

-- A deal's outcomes carry its own amount and currency (ad platforms convert currencies).
deal_outcomes as (

    {%- for outcome, time_column, condition in [
        ('opportunity_created', 'created_at', 'true'),
        ('closed_won', 'closed_at', 'is_won'),
        ('closed_lost', 'closed_at', 'is_lost'),
    ] %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select
            deal_id || ':{{ outcome }}' as outcome_key,
            '{{ outcome }}' as outcome,
            'deal' as outcome_kind,
            primary_person_id as person_id,
            deal_id,
            {{ time_column }} as occurred_at,
            cast({{ 'null' if outcome == 'closed_lost' else 'amount_original' }} as {{ sam.type_float() }})
                as outcome_value,
            currency_original as currency
        from deals
        where {{ condition }} and {{ time_column }} is not null
    {%- endfor %}

),

outcomes as (

    select * from person_outcomes
    union all
    select * from deal_outcomes

)

select
    -- ids
    outcomes.outcome_key,
    outcomes.person_id,
    outcomes.deal_id,

    -- strings
    outcomes.outcome,
    outcomes.outcome_kind,
    outcomes.currency,
    leads.junk_reasons,

    -- numerics
    outcomes.outcome_value,

    -- booleans
    coalesce(leads.is_junk, false) as is_junk,

    -- timestamps
    outcomes.occurred_at

from outcomes
left join leads
    on outcomes.person_id = leads.lead_id
