{#- The GA4 shards a run of an incremental GA4 model reads, as (first, last) 'YYYYMMDD' strings.

    Full refresh: the backfill window vars sam_ga4_start_date / sam_ga4_end_date (null = open).
    Incremental: from (newest event date already loaded - sam_ga4_late_days) on, because a daily
    shard keeps receiving late events for up to 3 days. The window is anchored on the data, not on
    the clock, so a run after a gap still reads everything new.

    The bounds are rendered as literals: BigQuery prunes wildcard tables only on constant
    _TABLE_SUFFIX filters, so an incremental run reads (and bills) only the window's shards. -#}
{% macro ga4_shard_window(relation=this, date_column='event_date_dt', incremental=none) %}
    {%- set start = var('sam_ga4_start_date') -%}
    {%- set end = var('sam_ga4_end_date') -%}
    {%- if (is_incremental() if incremental is none else incremental) -%}
        {%- if var('sam_offline_is_incremental') is not none -%}
            {#- Offline compile check: no warehouse to ask. A fixed date shows the SQL's shape. -#}
            {%- set newest = modules.datetime.date(2024, 12, 31) -%}
        {%- elif execute and (incremental is none or load_relation(relation) is not none) -%}
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
{% macro ga4_shard_filter(kind, relation=this, date_column='event_date_dt', incremental=none) -%}
    {%- set first, last = sam.ga4_shard_window(relation, date_column, incremental) -%}
    {%- if kind == 'daily' -%}
        _table_suffix between '{{ first[1:] }}' and '{{ last[1:] }}'
    {%- else -%}
        _table_suffix between '{{ first }}' and '{{ last }}'
    {%- endif -%}
{%- endmacro %}

{#- Tests on the raw export read only the shards a run reads (issue 14): the window of
    base_ga4__events' incremental run - from its newest loaded date minus sam_ga4_late_days -
    or, with var sam_ga4_test_all_shards (set by `sam build` on the local DuckDB target, where
    reading is free), the whole backfill window. Before base_ga4__events exists: the backfill
    window (the first run reads everything anyway). Source tests run before the model in a build,
    so they see exactly the shards the coming incremental run will read.

    ga4_test_relation(): base_ga4__events as a relation, without a ref (usable in yml configs).
    ga4_test_shard_window(): (first, last) 'YYYYMMDD'. ga4_test_shard_filter(kind): the filter. -#}
{% macro ga4_test_relation() -%}
    {{ return(api.Relation.create(
        database=target.database, schema=target.schema, identifier='base_ga4__events'
    )) }}
{%- endmacro %}

{% macro ga4_test_shard_window() -%}
    {%- set all_shards = sam.sam_var_is_true('sam_ga4_test_all_shards') -%}
    {{ return(sam.ga4_shard_window(sam.ga4_test_relation(), 'event_date_dt', not all_shards)) }}
{%- endmacro %}

{% macro ga4_test_shard_filter(kind) -%}
    {%- set all_shards = sam.sam_var_is_true('sam_ga4_test_all_shards') -%}
    {{ sam.ga4_shard_filter(kind, sam.ga4_test_relation(), 'event_date_dt', not all_shards) }}
{%- endmacro %}

{#- The key that makes two export rows one event (base_ga4__events keeps one row per key; the
    raw-shard reconciliation test counts with the same key, so the two agree on what a duplicate
    is): stream, visitor, time, name, batch position and the parameters. Fields such as
    event_bundle_sequence_id, which GA4 resends with a new value, do not make a new event. -#}
{% macro ga4_event_key() -%}
    {{ sam.row_fingerprint(sam.ga4_event_key_columns() | list + [sam.value_fingerprint('event_params')]) }}
{%- endmacro %}

{#- The scalar columns of ga4_event_key (everything but the parameters), each with whether it is
    text in base_ga4__events (ga4_deduplicate's narrow key on DuckDB hashes the others natively). -#}
{% macro ga4_event_key_columns() -%}
    {{ return({
        'stream_id': true, 'user_pseudo_id': true, 'event_timestamp': false, 'event_name': true,
        'batch_page_id': false, 'batch_ordering_id': false, 'batch_event_index': false,
    }) }}
{%- endmacro %}
