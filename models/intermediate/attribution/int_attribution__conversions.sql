{#- Every conversion SAM attributes: each CRM milestone of each lead or deal, with its time and
    value (var sam_attribution_conversion_values). -#}
{{ config(materialized='table') }}

with

people as (

    select * from {{ ref('int_crm__people') }}

),

milestones as (

    select * from {{ ref('int_crm__lead_milestones') }}

),

deals as (

    select * from {{ ref('int_crm__deals') }}

),

lead_created as (

    select
        'lead_created' as conversion_type,
        person_id as conversion_id,
        created_at as converted_at,
        {{ sam.attribution_conversion_value('lead_created') }} as conversion_value,
        false as is_value_missing,
        person_id,
        cast(null as {{ sam.type_string() }}) as deal_id
    from people
    where created_at is not null

),

-- MQL and SQL as the CRM layer dates them (SAL is a sales hand-off, not attributed).
lead_stages as (

    select
        milestones.milestone as conversion_type,
        milestones.person_id as conversion_id,
        milestones.reached_at as converted_at,
        case milestones.milestone
            when 'mql' then {{ sam.attribution_conversion_value('mql') }}
            else {{ sam.attribution_conversion_value('sql') }}
        end as conversion_value,
        false as is_value_missing,
        milestones.person_id,
        cast(null as {{ sam.type_string() }}) as deal_id
    from milestones
    inner join people on milestones.person_id = people.person_id
    where milestones.milestone in ('mql', 'sql') and milestones.reached_at is not null

),

opportunity_created as (

    select
        'opportunity_created' as conversion_type,
        deal_id as conversion_id,
        created_at as converted_at,
        {{ sam.attribution_conversion_value('opportunity_created', 'amount') }}
            as conversion_value,
        {{ sam.attribution_value_missing('opportunity_created', 'amount') }} as is_value_missing,
        cast(null as {{ sam.type_string() }}) as person_id,
        deal_id
    from deals
    where created_at is not null

),

closed_won as (

    select
        'closed_won' as conversion_type,
        deal_id as conversion_id,
        closed_at as converted_at,
        {{ sam.attribution_conversion_value('closed_won', 'amount') }} as conversion_value,
        {{ sam.attribution_value_missing('closed_won', 'amount') }} as is_value_missing,
        cast(null as {{ sam.type_string() }}) as person_id,
        deal_id
    from deals
    where is_won and closed_at is not null

)

select * from lead_created
union all
select * from lead_stages
union all
select * from opportunity_created
union all
select * from closed_won
