{#- Which browsers (user_pseudo_id) a signed-in person (user_id) used, and when: the edges that
    join several devices into one person for stitching. -#}
{{ config(materialized='view') }}

with

events as (

    select
        user_pseudo_id,
        user_id,
        event_at
    from {{ ref('stg_ga4__events') }}
    where user_pseudo_id is not null and user_id is not null

)

select
    {{ dbt.hash(dbt.concat(["user_pseudo_id", "'|'", "user_id"])) }} as visitor_user_id_key,
    user_pseudo_id,
    user_id,
    min(event_at) as first_seen_at,
    max(event_at) as last_seen_at,
    count(*) as events
from events
group by user_pseudo_id, user_id
