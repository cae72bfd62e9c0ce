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

{#- The end of both scorecards: the CTE `scored` (the rows of `summed`, their channel's is_paid
    flag from `channels` (dim_channels), the ratios) and the final select adding the ranks by cost
    per lead and by ROI within the attribution model, among paid channels only: rank_by_cpl
    excludes junk leads, rank_by_cpl_all_leads does not. -#}
{% macro scorecard_scored_and_ranked(summed, channels) -%}
scored as (

    select
        {{ summed }}.*,
        coalesce({{ channels }}.is_paid, false) as is_paid,
        {{ sam.scorecard_ratios() }}
    from {{ summed }}
    left join {{ channels }} on {{ summed }}.channel = {{ channels }}.channel

)

select
    *,
    {{ sam.scorecard_rank('cost_per_qualified_lead', 'attribution_model', 'asc', 'is_paid') }}
        as rank_by_cpl,
    {{ sam.scorecard_rank('cost_per_lead', 'attribution_model', 'asc', 'is_paid') }}
        as rank_by_cpl_all_leads,
    {{ sam.scorecard_rank('roi', 'attribution_model', 'desc', 'is_paid') }} as rank_by_roi
from scored
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
