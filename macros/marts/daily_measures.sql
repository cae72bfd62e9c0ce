{#- The additive measures fct_channel_daily and fct_campaign_daily share, written once for both.

    dated_credit_columns(credits, leads): a credit's columns on its conversion date, with the junk
    flag of the lead it belongs to (is_junk_lead; false for non-lead stages), from the join below.
    lead_junk_join(credits, leads): the left join giving each lead-stage credit (lead_created, mql,
    sql) the row of its lead.
    credited_measures(): the funnel counts and values, summed from credits that carry
    conversion_type, credit, credited_value and is_junk_lead.
    credited_columns(relation): those sums for the final select (0 where nothing was credited), with
    qualified_leads / qualified_mqls derived from them.
    spend_measures(relation) / spend_columns(relation): the same for the (unattributed) spend of
    fct_spend_daily. -#}

{% macro dated_credit_columns(credits, leads) -%}
    {{ sam.local_date(credits ~ '.converted_at') }} as date_day,
    {{ credits }}.attribution_model,
    {{ credits }}.channel,
    {{ credits }}.conversion_type,
    {{ credits }}.credit,
    {{ credits }}.credited_value,
    coalesce({{ leads }}.is_junk, false) as is_junk_lead
{%- endmacro %}

{% macro lead_junk_join(credits, leads) -%}
    left join {{ leads }}
        on
            {{ credits }}.conversion_id = {{ leads }}.lead_id
            and {{ credits }}.conversion_type in ('lead_created', 'mql', 'sql')
{%- endmacro %}

{% macro credited_measures() -%}
    sum(case when conversion_type = 'lead_created' then credit else 0 end) as leads,
    sum(case when conversion_type = 'lead_created' and is_junk_lead then credit else 0 end)
        as junk_leads,
    sum(case when conversion_type = 'mql' then credit else 0 end) as mqls,
    sum(case when conversion_type = 'mql' and is_junk_lead then credit else 0 end)
        as junk_mqls,
    sum(case when conversion_type = 'sql' then credit else 0 end) as sqls,
    sum(case when conversion_type = 'opportunity_created' then credit else 0 end)
        as opportunities,
    sum(case when conversion_type = 'opportunity_created' then credited_value else 0 end)
        as pipeline_amount,
    sum(case when conversion_type = 'closed_won' then credit else 0 end) as won_deals,
    sum(case when conversion_type = 'closed_won' then credited_value else 0 end) as revenue
{%- endmacro %}

{% macro credited_columns(relation) -%}
    coalesce({{ relation }}.leads, 0) as leads,
    coalesce({{ relation }}.junk_leads, 0) as junk_leads,
    coalesce({{ relation }}.leads, 0) - coalesce({{ relation }}.junk_leads, 0) as qualified_leads,
    coalesce({{ relation }}.mqls, 0) as mqls,
    coalesce({{ relation }}.mqls, 0) - coalesce({{ relation }}.junk_mqls, 0) as qualified_mqls,
    coalesce({{ relation }}.sqls, 0) as sqls,
    coalesce({{ relation }}.opportunities, 0) as opportunities,
    coalesce({{ relation }}.pipeline_amount, 0) as pipeline_amount,
    coalesce({{ relation }}.won_deals, 0) as won_deals,
    coalesce({{ relation }}.revenue, 0) as revenue
{%- endmacro %}

{#- Qualified by the relation: in BigQuery a bare `spend` read from a CTE named spend is the CTE's
    row (a STRUCT), not its column. -#}
{% macro spend_measures(relation) -%}
    sum({{ relation }}.spend) as spend,
    sum({{ relation }}.clicks) as clicks,
    sum({{ relation }}.impressions) as impressions,
    sum(case when {{ relation }}.fx_rate_missing then 1 else 0 end) as spend_rows_missing_fx
{%- endmacro %}

{% macro spend_columns(relation) -%}
    coalesce({{ relation }}.spend, 0) as spend,
    coalesce({{ relation }}.clicks, 0) as clicks,
    coalesce({{ relation }}.impressions, 0) as impressions,
    coalesce({{ relation }}.spend_rows_missing_fx, 0) as spend_rows_missing_fx
{%- endmacro %}
