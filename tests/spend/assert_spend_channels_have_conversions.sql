{#- Warns (does not fail) when spend sits on a channel no conversion was credited to: the rows of
    rpt_spend__channels_without_conversions. -#}
{{ config(severity='warn') }}

select
    channel,
    spend,
    first_spend_day,
    last_spend_day
from {{ ref('rpt_spend__channels_without_conversions') }}
