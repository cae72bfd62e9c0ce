{#- The source-category lookup of the channel rules, written once for the sessions
    (int_ga4__session_channels) and the ad campaigns (int_ad_platforms__campaigns).

    sam_source_categories(): one row per normalised source (source_key) with its source_category,
    from the ga4_source_categories seed (read here, so both models read the same list). Google's
    list has mixed-case keys (`Google Shopping`, `IGShopping`) and GA4 sources arrive in any case,
    so both sides of the join are normalised the same way (sam_channel_input). Should a future copy
    of the list give a source two categories, the alphabetically first wins (a warn test on the
    seed reports it); the Nov 2023 list has none.
    sam_source_category_match(source_expr, source_categories): the join condition on that key. -#}

{% macro sam_source_categories() -%}
    select
        {{ sam_channel_input('source') }} as source_key,
        min(source_category) as source_category
    from {{ ref('ga4_source_categories') }}
    group by 1
{%- endmacro %}


{% macro sam_source_category_match(source_expr, source_categories) -%}
    {{ sam_channel_input(source_expr) }} = {{ source_categories }}.source_key
{%- endmacro %}
