{#- Every staged CRM lead, contact and deal is in the contract (int_crm__people, int_crm__deals)
    or counted once in int_crm__excluded_records: returns the record types where
    staged <> contract + excluded, or where a record is both kept and excluded. -#}

{%- if var('sam_crm') == 'hubspot' %}
    {%- set staged = [
        ['contact', ref('stg_hubspot__contacts'), 'contact_id', "person_type = 'contact'"],
        ['deal', ref('stg_hubspot__deals'), 'deal_id', none],
    ] %}
{%- else %}
    {%- set staged = [
        ['lead', ref('stg_salesforce__leads'), 'lead_id', "person_type = 'lead'"],
        ['contact', ref('stg_salesforce__contacts'), 'contact_id', "person_type = 'contact'"],
        ['deal', ref('stg_salesforce__opportunities'), 'opportunity_id', none],
    ] %}
{%- endif %}

with

{%- for record_type, relation, id_column, person_filter in staged %}

    {{ record_type }}_counts as (

        select
            '{{ record_type }}' as record_type,
            (select count(*) from {{ relation }}) as staged_records,
            {%- if person_filter %}
                (
                    select count(*) from {{ ref('int_crm__people') }}
                    where {{ person_filter }}
                ) as contract_records,
                (
                    select count(*) from {{ ref('int_crm__people') }} as people
                    inner join {{ ref('int_crm__excluded_records') }} as excluded
                        on excluded.record_type = '{{ record_type }}'
                            and people.person_id = excluded.record_id
                ) as kept_and_excluded,
            {%- else %}
                (select count(*) from {{ ref('int_crm__deals') }}) as contract_records,
                (
                    select count(*) from {{ ref('int_crm__deals') }} as deals
                    inner join {{ ref('int_crm__excluded_records') }} as excluded
                        on excluded.record_type = 'deal'
                            and deals.deal_id = excluded.record_id
                ) as kept_and_excluded,
            {%- endif %}
            (
                select coalesce(sum(excluded_records), 0) from {{ ref('rpt_crm__exclusions') }}
                where record_type = '{{ record_type }}'
            ) as excluded_records

    ),
{%- endfor %}

all_counts as (

    {%- for record_type, relation, id_column, person_filter in staged %}
        {%- if not loop.first %}
            union all
        {%- endif %}
        select * from {{ record_type }}_counts
    {%- endfor %}

)

select * from all_counts
where staged_records != contract_records + excluded_records
    or kept_and_excluded > 0
