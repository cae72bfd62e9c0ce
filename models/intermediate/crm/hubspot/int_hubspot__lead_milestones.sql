{#- One row per live HubSpot contact x funnel milestone reached. The time of a milestone is the
    earliest lifecycle-stage date of the stages mapped to it (var sam_hubspot_lifecycle_milestones),
    else the first change to one of those stages in contact_property_history; a contact merged
    into another brings its milestones to the survivor (the earliest wins, so a merged lead is
    never counted twice). A person who reached a later milestone without a lead date was a lead
    from creation (lead_created = created_at). -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set milestones = var('sam_hubspot_lifecycle_milestones') -%}
{#- the stages with a property_hs_lifecyclestage_<stage>_date column in stg_hubspot__contacts -#}
{%- set lifecycle_date_stages = [
    'subscriber', 'lead', 'marketingqualifiedlead', 'salesqualifiedlead', 'opportunity',
    'customer', 'evangelist', 'other'
] -%}

with

contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}

),

lifecycle_history as (

    select * from {{ ref('stg_hubspot__contact_property_history') }}

),

resolution as (

    select * from {{ ref('int_hubspot__contact_resolution') }}

),

people as (

    select * from {{ ref('int_hubspot__people') }}

),

contact_people as (

    {{ sam.hubspot_contact_people('contacts') }}

),

candidate_times as (

    -- a typed empty row set, so that a mapping with no stages at all still compiles
    select
        person_id,
        cast(null as {{ sam.type_string() }}) as milestone,
        cast(null as {{ sam.type_timestamp() }}) as reached_at,
        cast(null as {{ sam.type_string() }}) as reached_at_source
    from contact_people
    where false
    {%- for milestone, stages in milestones.items() if stages %}
        {%- set dated_stages = stages | select('in', lifecycle_date_stages) | list %}
        {%- for stage in dated_stages %}
            union all
            select
                person_id,
                '{{ milestone }}' as milestone,
                lifecycle_{{ stage }}_at as reached_at,
                'lifecycle_date' as reached_at_source
            from contact_people
            where lifecycle_{{ stage }}_at is not null
        {%- endfor %}
        union all
        select
            contact_people.person_id,
            '{{ milestone }}' as milestone,
            lifecycle_history.changed_at as reached_at,
            'property_history' as reached_at_source
        from lifecycle_history
        inner join contact_people
            on lifecycle_history.contact_id = contact_people.contact_id
        where lifecycle_history.property_value in ('{{ stages | map("lower") | join("', '") }}')
            {%- for stage in dated_stages %}
                and contact_people.lifecycle_{{ stage }}_at is null
            {%- endfor %}
    {%- endfor %}

),

{{ sam.crm_lead_milestones_from_candidates('candidate_times', 'people') }}

select * from final
