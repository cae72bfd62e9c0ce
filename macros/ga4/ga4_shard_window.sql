{#- The GA4 shards a run of an incremental GA4 model reads, as (first, last) 'YYYYMMDD' strings.

    Full refresh: the backfill window vars sam_ga4_start_date / sam_ga4_end_date (null = open).
    Incremental: from (newest event date already loaded - sam_ga4_late_days) on, because a daily
    shard keeps receiving late events for up to 3 days. The window is anchored on the data, not on
    the clock, so a run after a gap still reads everything new.

    The bounds are rendered as literals: BigQuery prunes wildcard tables only on constant
    _TABLE_SUFFIX filters, so an incremental run reads (and bills) only the window's shards. -#}
{% macro ga4_shard_window(relation=this, date_column='event_date_dt') %}
    {%- set start = var('sam_ga4_start_date') -%}
    {%- set end = var('sam_ga4_end_date') -%}
    {%- if is_incremental() -%}
        {%- if var('sam_offline_is_incremental') is not none -%}
            {#- Offline compile check: no warehouse to ask. A fixed date shows the SQL's shape. -#}
            {%- set newest = modules.datetime.date(2024, 12, 31) -%}
        {%- elif execute -%}
            {%- set result = run_query('select max(' ~ date_column ~ ') from ' ~ relation) -%}
            {%- set newest = result.columns[0].values()[0] -%}
        {%- endif -%}
        {%- if newest is not none and newest is defined -%}
            {%- if newest is string -%}
                {%- set newest = modules.datetime.date.fromisoformat(newest[:10]) -%}
            {%- endif -%}
            {%- set late = modules.datetime.timedelta(days=var('sam_ga4_late_days') | int) -%}
            {%- set incremental_start = (newest - late).strftime('%Y-%m-%d') -%}
            {%- if start is none or incremental_start > start -%}
                {%- set start = incremental_start -%}
            {%- endif -%}
        {%- endif -%}
    {%- endif -%}
    {{ return((
        (start or '0000-00-00') | replace('-', ''),
        (end or '9999-99-99') | replace('-', ''),
    )) }}
{% endmacro %}

{#- The WHERE condition selecting the window's shards of one kind (ga4_shard_relation): constant
    bounds straight on _table_suffix, which BigQuery prunes on. The daily wildcard `events_2*`
    leaves the date without its leading 2 as the suffix. -#}
{% macro ga4_shard_filter(kind, relation=this, date_column='event_date_dt') -%}
    {%- set first, last = sam.ga4_shard_window(relation, date_column) -%}
    {%- if kind == 'daily' -%}
        _table_suffix between '{{ first[1:] }}' and '{{ last[1:] }}'
    {%- else -%}
        _table_suffix between '{{ first }}' and '{{ last }}'
    {%- endif -%}
{%- endmacro %}
