{#- Leads and junk leads in the channel scorecard, under EVERY attribution model, equal the
    leads of fct_leads created inside the reporting window (each lead is one lead_created
    conversion whose credits sum to 1). A row is returned per mismatch. -#}
{{ config(severity='error') }}

with

leads as (

    select
        count(*) as leads,
        sum(case when is_junk then 1 else 0 end) as junk_leads
    from {{ ref('fct_leads') }}
    where {{ sam.reporting_window('created_date') }}

),

scorecard as (

    select
        attribution_model,
        sum(leads) as leads,
        sum(junk_leads) as junk_leads
    from {{ ref('rpt_channel_scorecard') }}
    group by attribution_model

)

select
    scorecard.attribution_model,
    scorecard.leads,
    scorecard.junk_leads,
    leads.leads as fct_leads,
    leads.junk_leads as fct_junk_leads
from scorecard
cross join leads
where
    abs(scorecard.leads - leads.leads) > 0.001
    or abs(scorecard.junk_leads - leads.junk_leads) > 0.001
