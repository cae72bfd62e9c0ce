{#- Canary (warn): spend that could not be converted into the reporting currency. The rows are
    kept in fct_spend_daily with spend NULL and fx_rate_missing; this makes them noticed (a rates
    table that stopped updating, a connector without a currency, a new account currency). -#}

{{ config(severity='warn') }}

select
    platform,
    currency_original,
    min(date_day) as first_day,
    max(date_day) as last_day,
    count(*) as rows_without_rate,
    sum(spend_original) as spend_original
from {{ ref('fct_spend_daily') }}
where fx_rate_missing
group by 1, 2
