{#- The scorecards' measures and ratios, written once for the channel and the campaign scorecard.
    scorecard_measures(): the additive measures summed over the reporting window.
    scorecard_ratios(): the funnel ratios of attribution.md, computed from those sums (never an
    average of daily ratios); a zero denominator gives NULL (sam.ratio). -#}
{% macro scorecard_measure_names() -%}
    {{ return([
        'leads', 'junk_leads', 'qualified_leads', 'mqls', 'qualified_mqls', 'sqls',
        'opportunities', 'pipeline_amount', 'won_deals', 'revenue', 'spend', 'clicks',
        'impressions', 'spend_rows_missing_fx',
    ]) }}
{%- endmacro %}

{% macro scorecard_measures() -%}
    {%- for name in sam.scorecard_measure_names() %}
    sum({{ name }}) as {{ name }}{% if not loop.last %},{% endif %}
    {%- endfor %}
{%- endmacro %}

{% macro scorecard_ratios() -%}
    {{ sam.ratio('spend', 'leads') }} as cost_per_lead,
    {{ sam.ratio('spend', 'qualified_leads') }} as cost_per_qualified_lead,
    {{ sam.ratio('spend', 'mqls') }} as cost_per_mql,
    {{ sam.ratio('spend', 'qualified_mqls') }} as cost_per_qualified_mql,
    {{ sam.ratio('mqls', 'leads') }} as mql_rate,
    {{ sam.ratio('qualified_mqls', 'qualified_leads') }} as qualified_mql_rate,
    {{ sam.ratio('junk_leads', 'leads') }} as junk_lead_share,
    {{ sam.ratio('won_deals', 'leads') }} as lead_to_customer_rate,
    {{ sam.ratio('spend', 'won_deals') }} as cac,
    {{ sam.ratio('revenue', 'spend') }} as roas,
    {{ sam.ratio('revenue - spend', 'spend') }} as roi
{%- endmacro %}

{#- Rank of a ratio among the rows where `eligible` holds, within each `partition` (1 = best;
    ties share a rank); NULL where the row is not eligible or the ratio is NULL. -#}
{% macro scorecard_rank(ratio, partition, direction, eligible) -%}
    case
        when {{ eligible }} and {{ ratio }} is not null
            then rank() over (
                partition by {{ partition }}, ({{ eligible }} and {{ ratio }} is not null)
                order by {{ ratio }} {{ direction }}
            )
    end
{%- endmacro %}
