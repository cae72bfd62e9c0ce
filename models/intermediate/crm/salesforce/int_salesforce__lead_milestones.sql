{#- One row per live Salesforce person x funnel milestone reached, from every lead and contact
    behind the person (the earliest wins, so a merged or converted lead is never counted twice):
    lead_created = the lead's created_date; mql = the MQL date field (var
    sam_salesforce_mql_date_field, on lead or contact); sql = the lead's conversion. A lead whose
    status is mapped to a milestone (var sam_salesforce_lead_status_milestones) without a time for
    it takes its conversion date, else its last_modified_date (reached_at_source = 'status'). A
    person who reached a later milestone without a lead was a lead from creation. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'salesforce')) }}

{%- set status_milestones = var('sam_salesforce_lead_status_milestones') or {} -%}

with

leads as (

    select * from {{ ref('stg_salesforce__leads') }}

),

contacts as (

    select * from {{ ref('stg_salesforce__contacts') }}

),

resolution as (

    select * from {{ ref('int_salesforce__record_resolution') }}

),

people as (

    select * from {{ ref('int_salesforce__people') }}

),

lead_people as (

    select
        leads.*,
        people.person_id
    from leads
    {{ sam.salesforce_record_person_joins('lead', 'leads.lead_id') }}

),

contact_people as (

    select
        contacts.*,
        people.person_id
    from contacts
    {{ sam.salesforce_record_person_joins('contact', 'contacts.contact_id') }}

),

record_times as (

    -- the time each lead reached each milestone on its own fields
    select
        person_id,
        lead_id,
        lead_status,
        created_at as lead_created_at,
        mql_at,
        cast(null as {{ sam.type_timestamp() }}) as sal_at,
        case when is_converted then converted_at end as sql_at,
        coalesce(case when is_converted then converted_at end, last_modified_at) as status_fallback_at
    from lead_people

),

candidate_times as (

    select
        person_id,
        'lead_created' as milestone,
        lead_created_at as reached_at,
        'created_date' as reached_at_source
    from record_times
    where lead_created_at is not null
    union all
    select
        person_id,
        'mql' as milestone,
        mql_at as reached_at,
        'field' as reached_at_source
    from record_times
    where mql_at is not null
    union all
    select
        person_id,
        'sql' as milestone,
        sql_at as reached_at,
        'conversion' as reached_at_source
    from record_times
    where sql_at is not null
    union all
    select
        person_id,
        'mql' as milestone,
        mql_at as reached_at,
        'field' as reached_at_source
    from contact_people
    where mql_at is not null
    {%- for milestone, statuses in status_milestones.items() if statuses %}
        union all
        select
            person_id,
            '{{ milestone }}' as milestone,
            status_fallback_at as reached_at,
            'status' as reached_at_source
        from record_times
        where {{ milestone }}_at is null
            and status_fallback_at is not null
            and lead_status in (
                {%- for status in statuses %}'{{ status | replace("'", "''") }}'{{ ', ' if not loop.last }}{% endfor -%}
            )
    {%- endfor %}

),

{{ sam.crm_lead_milestones_from_candidates('candidate_times', 'people') }}

select * from final
