{#- What each recorded source value became: one row per CRM x recorded lead source x channel x
    signal, with the people behind it. A value no seed row knows (or the seed says is unknown)
    shows with channel null and recorded_by null: those people get no CRM-recorded touch, and
    this is where to see which values to add to seed sam_crm_source_channels. -#}

with

recorded as (

    select * from {{ ref('int_crm__recorded_sources') }}

),

touches as (

    select * from {{ ref('int_attribution__crm_recorded_touches') }}

)

select
    recorded.crm,
    coalesce(recorded.lead_source, '(none)') as lead_source,
    touches.channel,
    touches.recorded_by,
    count(*) as people
from recorded
left join touches on recorded.person_id = touches.person_id
group by recorded.crm, coalesce(recorded.lead_source, '(none)'), touches.channel, touches.recorded_by
