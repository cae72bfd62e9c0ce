{{ config(severity='warn') }}

{#- Names every day between the first and the last GA4 event date without a single event: its
    daily shard is missing or empty (an export that failed, a property paused). Sessions, leads'
    web touches and spend-to-session matches of those days are missing from every mart. -#}

select
    event_date_dt,
    exported_rows
from {{ ref('rpt_ga4__event_coverage') }}
where is_missing_day
