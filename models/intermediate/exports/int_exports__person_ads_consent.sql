{{ config(materialized='table') }}

{#- One row per CRM person with a stitched browser that reported a consent-mode ads_storage state:
    denied when any of its browsers' latest state is denied (SAM then sends none of the person's
    ad identifiers), else granted. People without such a browser are absent (unknown). -#}

with

visitors as (

    select distinct
        person_id,
        user_pseudo_id
    from {{ ref('int_identity__person_visitors') }}

),

consent as (

    select * from {{ ref('int_ga4__visitor_ads_consent') }}

)

select
    -- ids
    visitors.person_id,

    -- strings
    case
        when max(case when consent.ads_consent = 'denied' then 1 else 0 end) = 1 then 'denied'
        else 'granted'
    end as ads_consent

from visitors
inner join consent on visitors.user_pseudo_id = consent.user_pseudo_id
where consent.ads_consent in ('denied', 'granted')
group by visitors.person_id
