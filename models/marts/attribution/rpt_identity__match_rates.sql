{#- How well web visitors meet CRM people, per stitching method: the share of CRM people with
    at least one visitor found by each method (and by any). -#}

{%- set methods = ['ga_client_id', 'user_id', 'gclid', 'user_id_device'] %}

with

people as (

    select person_id from {{ ref('int_crm__people') }}

),

identifiers as (

    select * from {{ ref('int_crm__person_identifiers') }}

),

edges as (

    select * from {{ ref('int_identity__person_visitors') }}

),

people_count as (

    select count(*) as people from people

),

identifier_methods as (

    select
        person_id,
        case identifier_kind
            when 'ga_client_id' then 'ga_client_id'
            when 'gclid' then 'gclid'
            else 'user_id'
        end as match_method
    from identifiers
    where identifier_kind in ('ga_client_id', 'gclid', '{{ var("sam_ga4_user_id_holds") }}')

),

-- People whose CRM record carries the identifier a method looks for (user_id: the kind named by
-- var sam_ga4_user_id_holds; devices: people matched by a direct method).
people_with_identifier as (

    select
        match_method,
        count(distinct person_id) as people_with_identifier
    from identifier_methods
    group by match_method

    union all

    select
        'user_id_device' as match_method,
        count(distinct person_id) as people_with_identifier
    from edges
    where match_method != 'user_id_device'

    union all

    select
        'any' as match_method,
        count(*) as people_with_identifier
    from people

),

matched as (

    select
        match_method,
        count(distinct person_id) as people_matched,
        count(distinct user_pseudo_id) as visitors_matched,
        count(*) as edges
    from edges
    group by match_method

    union all

    select
        'any' as match_method,
        count(distinct person_id) as people_matched,
        count(distinct user_pseudo_id) as visitors_matched,
        count(*) as edges
    from edges

),

methods as (

    {%- for method in methods + ['any'] %}
        select '{{ method }}' as match_method
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}

)

select
    methods.match_method,
    people_count.people,
    coalesce(people_with_identifier.people_with_identifier, 0) as people_with_identifier,
    coalesce(matched.people_matched, 0) as people_matched,
    coalesce(matched.visitors_matched, 0) as visitors_matched,
    coalesce(matched.edges, 0) as edges,
    case
        when people_count.people > 0
            then cast(coalesce(matched.people_matched, 0) as {{ sam.type_float() }})
                / people_count.people
    end as match_rate,
    case
        when people_with_identifier.people_with_identifier > 0
            then cast(coalesce(matched.people_matched, 0) as {{ sam.type_float() }})
                / people_with_identifier.people_with_identifier
    end as match_rate_of_identified
from methods
cross join people_count
left join people_with_identifier on methods.match_method = people_with_identifier.match_method
left join matched on methods.match_method = matched.match_method
