{#- One row per live HubSpot person x offline list they were added to. HubSpot has no campaign
    members: static lists of event / webinar attendees stand in, recognised by name (var
    sam_hubspot_offline_lists, first match gives the campaign type); other lists are not touches.
    A person in a list twice (a merged-away duplicate too) is touched once, when first added. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

{%- set offline_lists = var('sam_hubspot_offline_lists') or [] -%}

with

lists as (

    select * from {{ sam.optional_ref('stg_hubspot__contact_lists') }}
    where not is_deleted

),

list_members as (

    select * from {{ sam.optional_ref('stg_hubspot__contact_list_members') }}
    where not is_deleted

),

resolution as (

    select * from {{ ref('int_hubspot__contact_resolution') }}

),

people as (

    select * from {{ ref('int_hubspot__people') }}

),

offline_lists as (

    select
        list_id,
        list_name,
        {%- if not offline_lists %}
        cast(null as {{ sam.type_string() }}) as campaign_type
        {%- else %}
            case
                {%- for entry in offline_lists %}
                    when {{ sam.regexp_contains('lower(list_name)', entry['name']) }}
                        then '{{ entry["campaign_type"] | replace("'", "''") }}'
                {%- endfor %}
            end as campaign_type
        {%- endif %}
    from lists

),

touches as (

    select
        resolution.surviving_contact_id as person_id,
        offline_lists.list_id,
        offline_lists.list_name,
        offline_lists.campaign_type,
        min(list_members.added_at) as touched_at
    from list_members
    inner join offline_lists
        on list_members.list_id = offline_lists.list_id
    {{ sam.hubspot_contact_person_joins('list_members.contact_id') }}
    where offline_lists.campaign_type is not null
    group by 1, 2, 3, 4

),

final as (

    select
        -- ids
        'hubspot-list-' || list_id || '-' || person_id as offline_touch_id,
        person_id,
        list_id as campaign_id,

        -- strings
        list_name as campaign_name,
        campaign_type,
        {{ sam.offline_campaign_channel('campaign_type') }} as channel,

        -- timestamps
        touched_at

    from touches

)

select * from final
