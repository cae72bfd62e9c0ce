{#- The session window of an incremental run of the session models (int_ga4__sessions_sourced,
    int_ga4__session_channels, int_ga4__sessions), as ('YYYY-MM-DD' read_from, 'YYYY-MM-DD'
    rewrite_from), or none on a full refresh (every session is rebuilt).

    base_ga4__events rewrites the event dates from (its newest date - sam_ga4_late_days) on. The
    session models rewrite the session dates one day earlier, rewrite_from = (newest session_date
    already loaded - sam_ga4_late_days - 1): a session that started the day before the first
    re-read shard and crossed midnight into it is re-derived whole, with its late events. They read
    events from one more day back, read_from = rewrite_from - 1, only to know which sessions
    started before rewrite_from: those keep their stored row (their partition is not rewritten),
    and are not inserted again as truncated sessions. A session active across two midnights that
    started before rewrite_from and received late events is the one case an incremental run does
    not amend (GA4 sessions time out after 30 idle minutes; a full refresh does).

    Anchored on the model's own newest session date, as ga4_shard_window is on the events
    (date_column: the model's partition date when it is not session_date, e.g. the event date of
    rpt_ga4__event_coverage). -#}
{% macro ga4_session_window(relation=this, date_column='session_date') %}
    {{- sam.ga4_session_window_upgrade(relation, date_column) -}}
    {#- A unit test has no relation: a full build. -#}
    {%- if relation is none or not is_incremental() -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set first, last = sam.ga4_shard_window(relation, date_column, true) -%}
    {%- if first == '00000000' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set day = modules.datetime.timedelta(days=1) -%}
    {%- set shard_first = modules.datetime.date(first[:4] | int, first[4:6] | int, first[6:] | int) -%}
    {%- set rewrite_from = shard_first - day -%}
    {{ return(((rewrite_from - day).strftime('%Y-%m-%d'), rewrite_from.strftime('%Y-%m-%d'))) }}
{% endmacro %}

{#- `<keyword> <column> >= <the window's first date>` (empty on a full refresh, window none): the
    filter on the partition column of the relation read (events: read_from; sessions:
    rewrite_from), a constant so that BigQuery prunes partitions. window: ga4_session_window()'s
    answer (asked once per model: each asks the warehouse); which: 'read' or 'rewrite'; keyword:
    'and' or 'where'. -#}
{% macro ga4_session_window_filter(window, column, which, keyword='and') -%}
    {%- if window is not none -%}
        {{ keyword }} {{ column }} >= cast('{{ window[0] if which == 'read' else window[1] }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- A session model built before it was incremental (issue 18) lacks session_date (date_column),
    the column its incremental runs overwrite by: an incremental run would keep its old rows beside
    the new ones.
    A `dbt run` / `dbt build` drops such a table before the model is compiled, so dbt sees no
    relation and builds it whole (these tables derive from base_ga4__events, not the export: the
    rebuild re-reads no shard). Never on `dbt compile` or the offline check. -#}
{% macro ga4_session_window_upgrade(relation, date_column='session_date') %}
    {%- if sam.relation_lacks_columns(relation, [date_column]) -%}
        {{ log(relation ~ ' was built before it was incremental (no ' ~ date_column ~ '): rebuilt whole', info=true) }}
        {%- do adapter.drop_relation(load_relation(relation)) -%}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
