{#- Every CRM milestone is a conversion or counted in rpt_attribution__unattributable: per type,
    CRM records = conversions + unattributable. Returns the types that disagree. -#}

with

people as (

    select * from {{ ref('int_crm__people') }}

),

crm_records as (

    select
        'lead_created' as record_type,
        count(*) as records
    from people

    union all

    select
        milestones.milestone as record_type,
        count(*) as records
    from {{ ref('int_crm__lead_milestones') }} as milestones
    inner join people on milestones.person_id = people.person_id
    where milestones.milestone in ('mql', 'sql')
    group by milestones.milestone

    union all

    select
        'opportunity_created' as record_type,
        count(*) as records
    from {{ ref('int_crm__deals') }}

    union all

    select
        'closed_won' as record_type,
        count(*) as records
    from {{ ref('int_crm__deals') }}
    where is_won

),

conversions as (

    select
        conversion_type as record_type,
        count(*) as records
    from {{ ref('int_attribution__conversions') }}
    group by conversion_type

),

unattributable as (

    select
        record_type,
        sum(records) as records
    from {{ ref('rpt_attribution__unattributable') }}
    group by record_type

)

select
    crm_records.record_type,
    crm_records.records as crm_records,
    coalesce(conversions.records, 0) as conversions,
    coalesce(unattributable.records, 0) as unattributable
from crm_records
left join conversions on crm_records.record_type = conversions.record_type
left join unattributable on crm_records.record_type = unattributable.record_type
where crm_records.records != coalesce(conversions.records, 0) + coalesce(unattributable.records, 0)
