{#- The config of every GA4 model that is incremental by date (issue 18): whole day partitions
    of `date_column` rewritten on each run (insert_overwrite on BigQuery, delete+insert keyed on
    the date on DuckDB: partition_overwrite_strategy), partitioned by that day and clustered on
    `cluster_by`, new columns appended, --full-refresh guarded on protected targets
    (allow_full_refresh). The rows a run writes must be every row of each date it writes: the
    models select them with ga4_session_window_filter. Use: {{ config(**sam.ga4_incremental_config(
    'session_date', ['session_key'])) }}. -#}
{% macro ga4_incremental_config(date_column, cluster_by) %}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': sam.partition_overwrite_strategy(),
        'unique_key': date_column,
        'partition_by': sam.partition_by_day(date_column),
        'cluster_by': cluster_by,
        'on_schema_change': 'append_new_columns',
        'full_refresh': sam.allow_full_refresh(),
    }) }}
{% endmacro %}
