{#- The GA4 export as base_ga4__events reads it, one shard kind at a time.

    Daily and intraday shards are two sources. BigQuery gives a wildcard table the schema of the
    NEWEST table it matches, and `events_*` also matches `events_intraday_*`, whose tables lack
    traffic_source and session_traffic_source_last_click: whenever an intraday table is newer than
    the last daily shard (every day after midnight), a query of `events_*` naming those columns
    fails. So the daily source is `events_2*` (matches events_YYYYMMDD, never events_intraday_*;
    its _table_suffix is the date without the leading 2) and the intraday source is
    `events_intraday_*` (suffix YYYYMMDD), read without the columns it lacks.

    ga4_shard_relation(kind): the shards of `kind` ('daily' | 'intraday') as a relation. DuckDB
    reads Parquet with union_by_name, which only knows the columns and struct fields some file
    has; a UNION ALL BY NAME with an empty relation typed with the drift-prone columns adds the
    missing ones as NULL (nested struct fields merge by name). BigQuery: the wildcard table. -#}
{% macro ga4_shard_relation(kind) -%}
    {{ return(adapter.dispatch('ga4_shard_relation', 'sam')(kind)) }}
{%- endmacro %}

{% macro default__ga4_shard_relation(kind) -%}
    {{ source('ga4', 'events' if kind == 'daily' else 'events_intraday') }}
{%- endmacro %}

{% macro duckdb__ga4_shard_relation(kind) -%}
    (
        select * from {{ source('ga4', 'events' if kind == 'daily' else 'events_intraday') }}
        union all by name
        select * from (
            select
                cast(null as struct(name varchar, medium varchar, source varchar)) as traffic_source,
                cast(null as struct(
                    manual_campaign_id varchar, manual_campaign_name varchar, manual_source varchar,
                    manual_medium varchar, manual_term varchar, manual_content varchar, gclid varchar
                )) as collected_traffic_source,
                cast(null as struct(
                    google_ads_campaign struct(campaign_id varchar),
                    cross_channel_campaign struct(
                        campaign_id varchar, campaign_name varchar, source varchar, medium varchar,
                        default_channel_group varchar
                    )
                )) as session_traffic_source_last_click,
                cast(null as bigint) as batch_page_id,
                cast(null as bigint) as batch_ordering_id,
                cast(null as bigint) as batch_event_index
        ) as newest_columns
        where false
    )
{%- endmacro %}

{#- Whether intraday shards exist to be read (var sam_ga4_include_intraday, then a look at the
    warehouse: a wildcard or glob that matches no table is an error on both engines, and a
    property on the daily batch export alone has none). Offline and at parse time: assumed. -#}
{% macro ga4_intraday_exists() -%}
    {%- if not var('sam_ga4_include_intraday') -%}
        {{ return(false) }}
    {%- elif not execute or var('sam_offline_is_incremental') is not none -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(adapter.dispatch('ga4_intraday_exists', 'sam')()) }}
{%- endmacro %}

{% macro default__ga4_intraday_exists() -%}
    {%- set relation = source('ga4', 'events_intraday') -%}
    {%- set found = run_query(
        'select count(*) from `' ~ relation.database ~ '`.`' ~ relation.schema
        ~ "`.INFORMATION_SCHEMA.TABLES where starts_with(table_name, 'events_intraday_')"
    ) -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{%- endmacro %}

{% macro duckdb__ga4_intraday_exists() -%}
    {%- set found = run_query(
        "select count(*) from glob('" ~ sam.ga4_data_glob('events_intraday_*.parquet') ~ "')"
    ) -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#- The shard kinds a run reads: daily, plus intraday when there are intraday shards. -#}
{% macro ga4_shard_kinds() -%}
    {{ return(['daily', 'intraday'] if sam.ga4_intraday_exists() else ['daily']) }}
{%- endmacro %}

{#- DuckDB: the path pattern of GA4 Parquet shards in the data directory (the sources' yml uses
    the same expression for the data directory). -#}
{% macro ga4_data_glob(pattern) -%}
    {{ return((var('sam_data_dir') or env_var('SAM_DATA_DIR', 'data/demo')) ~ '/ga4/' ~ pattern) }}
{%- endmacro %}

{#- The shard name as BigQuery's `events_*` would give it: `YYYYMMDD` or `intraday_YYYYMMDD`,
    whichever source the row came from. -#}
{% macro ga4_shard_suffix(kind) -%}
    {%- if kind == 'daily' -%}
        concat('2', _table_suffix)
    {%- else -%}
        concat('intraday_', _table_suffix)
    {%- endif -%}
{%- endmacro %}

{#- `expr` on daily shards; a typed NULL on intraday shards, which lack the column. -#}
{% macro ga4_daily_only(kind, expr, data_type=none) -%}
    {%- if kind == 'daily' -%}
        {{ expr }}
    {%- else -%}
        cast(null as {{ data_type or sam.type_string() }})
    {%- endif -%}
{%- endmacro %}
