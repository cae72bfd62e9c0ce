{#- Every HubSpot contact id SAM meets (staged contacts and merged-away ids), with the contact
    that survives it and why it is not a person of its own. Merges come from contact_merge_audit
    and from the survivor's property_hs_merged_object_ids (either is enough); a merge of a merge
    is followed one more step. -#}

{{ config(enabled=(var('sam_crm', 'hubspot') == 'hubspot')) }}

with

contacts as (

    select * from {{ ref('stg_hubspot__contacts') }}

),

audited_merges as (

    select * from {{ sam.optional_ref('stg_hubspot__contact_merge_audits') }}

),

merged_ids_listed as (

    -- the survivor lists the ids merged into it, separated by semicolons: one row per listed id,
    -- joined by equality (a LIKE join of every list against every contact was quadratic: 68 s
    -- of a daily run at 100 M GA4 events); an id listed twice is one merge after the group-by
    select
        merged.contact_id as merged_contact_id,
        survivor.contact_id as canonical_contact_id
    from contacts as survivor
    cross join {{ sam.split_rows('survivor.merged_object_ids', ';', 'listed_contact_id') }}
    inner join contacts as merged
        -- unqualified: BigQuery's UNNEST alias is the value itself, no table to qualify it with
        on listed_contact_id = merged.contact_id  -- noqa: RF02
            and survivor.contact_id != merged.contact_id
    where survivor.merged_object_ids is not null

),

contact_merges as (

    select
        merged_contact_id,
        min(canonical_contact_id) as canonical_contact_id
    from (
        select
            merged_contact_id,
            canonical_contact_id
        from audited_merges
        where merged_contact_id != canonical_contact_id
        union all
        select
            merged_contact_id,
            canonical_contact_id
        from merged_ids_listed
    ) as all_merges
    group by merged_contact_id

),

contact_ids as (

    select distinct contact_id
    from (
        select contact_id from contacts
        union all
        select merged_contact_id as contact_id from contact_merges
    ) as known_ids

),

resolved as (

    select
        contact_ids.contact_id,
        coalesce(
            second_merge.canonical_contact_id,
            first_merge.canonical_contact_id,
            contact_ids.contact_id
        ) as surviving_contact_id,
        first_merge.merged_contact_id is not null as is_merged_away
    from contact_ids
    left join contact_merges as first_merge
        on contact_ids.contact_id = first_merge.merged_contact_id
    left join contact_merges as second_merge
        on first_merge.canonical_contact_id = second_merge.merged_contact_id

),

final as (

    select
        -- ids
        resolved.contact_id,
        resolved.surviving_contact_id,

        -- strings
        case
            when resolved.is_merged_away then 'merged_away'
            when contacts.is_deleted then 'deleted'
        end as exclusion_reason,

        -- booleans
        contacts.contact_id is not null as is_staged

    from resolved
    left join contacts
        on resolved.contact_id = contacts.contact_id

)

select * from final
