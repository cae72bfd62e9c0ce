{#- What the CRM holds but cannot be attributed because it has no time: counted, never silently
    dropped. Each milestone without a time (a person without a creation time, an MQL / SQL
    without a date, a deal without a creation time, a won deal without a close date) and each
    offline touch without a time. The reconciliation test checks that conversions + these =
    the CRM contract's records. -#}

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

offline_touches as (

    select * from {{ ref('int_crm__offline_touches') }}

),

missing as (

    select
        'lead_created' as record_type,
        'person without created_at' as reason,
        count(*) as records
    from people
    where created_at is null

    union all

    select
        milestones.milestone as record_type,
        'milestone without reached_at' as reason,
        count(case when milestones.reached_at is null then 1 end) as records
    from milestones
    inner join people on milestones.person_id = people.person_id
    where milestones.milestone in ('mql', 'sql')
    group by milestones.milestone

    union all

    select
        'opportunity_created' as record_type,
        'deal without created_at' as reason,
        count(*) as records
    from deals
    where created_at is null

    union all

    select
        'closed_won' as record_type,
        'won deal without closed_at' as reason,
        count(*) as records
    from deals
    where is_won and closed_at is null

    union all

    select
        'offline_touch' as record_type,
        'offline touch without touched_at' as reason,
        count(*) as records
    from offline_touches
    where touched_at is null

)

select
    record_type,
    reason,
    cast(sum(records) as {{ sam.type_bigint() }}) as records
from missing
group by record_type, reason
