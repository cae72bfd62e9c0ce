{#- dbt's hook for the relation a generic data test reads (dbt's default__get_where_subquery: the
    test's `where` config), overridden to add SAM's recent-days test window (issue 18).

    With var sam_test_recent_days = N (null by default: whole history), a generic test on an
    incremental model of SAM (materialized incremental, unique_key = its partition date:
    ga4_incremental_config), or on a view over one that names its date column in meta
    sam_test_date_column (dbt_project.yml: stg_ga4__events, stg_ga4__lead_events), reads only the rows dated from (the table's newest date - N days) on -
    the partitions a scheduled daily run rewrote - with a constant bound BigQuery prunes on. Never
    on --full-refresh, never when the var is null: `make test`, `sam build` and CI check whole
    history. A duplicate key between an old and a rewritten partition is then found by the next
    full build, not by the daily run: that is the trade the var makes. dbt takes this override only
    from the root project: where SAM is installed as a package, the host project's own
    get_where_subquery(relation) must return sam.get_where_subquery(relation) for the var to act. -#}
{% macro get_where_subquery(relation) -%}
    {%- set where = config.get('where', '') -%}
    {%- set recent = sam.recent_test_filter(relation) -%}
    {%- set conditions = [where, recent] | select | list -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {%- do return(filtered) -%}
    {%- endif -%}
    {%- do return(relation) -%}
{%- endmacro %}

{#- `<date column> >= cast('<newest - sam_test_recent_days>' as date)` for a generic test of an
    incremental model read through `relation`, or '' (no window: the var is null, the run is a
    full refresh, the test is not attached to an incremental model keyed by a date, or the table is
    empty). -#}
{% macro recent_test_filter(relation) -%}
    {%- set days = var('sam_test_recent_days', none) -%}
    {%- if days is none or not execute or flags.FULL_REFRESH -%}
        {{ return('') }}
    {%- endif -%}
    {%- set attached = model.get('attached_node') if model is mapping else none -%}
    {%- set node = graph.nodes.get(attached) if attached else none -%}
    {%- if node is none -%}
        {{ return('') }}
    {%- endif -%}
    {#- A view over an incremental model names its date in meta sam_test_date_column. -#}
    {%- set column = (node.config.meta or {}).get('sam_test_date_column') -%}
    {%- if column is none and node.config.materialized == 'incremental' -%}
        {%- set column = node.config.unique_key -%}
    {%- endif -%}
    {%- if column is not string or relation.identifier != node.alias -%}
        {{ return('') }}
    {%- endif -%}
    {%- set newest = run_query('select max(' ~ column ~ ') from ' ~ relation).columns[0].values()[0] -%}
    {%- if newest is none -%}
        {{ return('') }}
    {%- endif -%}
    {%- if newest is string -%}
        {%- set newest = modules.datetime.date.fromisoformat(newest[:10]) -%}
    {%- endif -%}
    {%- set first = newest - modules.datetime.timedelta(days=days | int) -%}
    {{ return(column ~ " >= cast('" ~ first.strftime('%Y-%m-%d') ~ "' as date)") }}
{%- endmacro %}
