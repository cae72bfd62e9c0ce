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
{% macro ga4_shard_relation(kind, property=none) -%}
    {%- set property = property or sam.ga4_properties()[0] -%}
    {{ return(adapter.dispatch('ga4_shard_relation', 'sam')(kind, property)) }}
{%- endmacro %}

{% macro default__ga4_shard_relation(kind, property) -%}
    {%- if property.is_source -%}
        {{ source('ga4', 'events' if kind == 'daily' else 'events_intraday') }}
    {%- else -%}
        {{ sam.ga4_property_relation(property, 'events_2*' if kind == 'daily' else 'events_intraday_*') }}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__ga4_shard_relation(kind, property) -%}
    (
        {% if property.is_source -%}
        select * from {{ source('ga4', 'events' if kind == 'daily' else 'events_intraday') }}
        {%- else -%}
        {#- the same expression as the sources' external_location, on the property's folder -#}
        select * exclude (filename), substr(parse_filename(filename, true), {{ 9 if kind == 'daily' else 17 }})
            as _table_suffix
        from read_parquet(
            '{{ sam.ga4_data_glob(('events_2*' if kind == 'daily' else 'events_intraday_*') ~ '.parquet', property) }}',
            union_by_name = true, filename = true, file_row_number = true
        )
        {%- endif %}
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

{#- The GA4 properties a run reads (var sam_ga4_properties), each a dict {property_id, project,
    dataset, path, is_source}. Empty var: the one property of sam_ga4_property_id /
    sam_ga4_project / sam_ga4_dataset, read through the `ga4` source (is_source). Listed: each
    property's own export, `<project or the target's>.<dataset or analytics_<id>>.events_2*` on
    BigQuery, `<sam_data_dir>/<path or ga4/<id>>/events_2*.parquet` on DuckDB. An entry may be a
    bare property id. -#}
{% macro ga4_properties() -%}
    {%- set listed = var('sam_ga4_properties', []) or [] -%}
    {%- if not listed -%}
        {{ return([{
            'property_id': var('sam_ga4_property_id') | string, 'project': var('sam_ga4_project'),
            'dataset': var('sam_ga4_dataset'), 'path': 'ga4', 'is_source': true,
        }]) }}
    {%- endif -%}
    {%- if listed is string or listed is mapping -%}
        {{ exceptions.raise_compiler_error(
            'var sam_ga4_properties must be a list of {property_id, project, dataset, path}, got ' ~ listed) }}
    {%- endif -%}
    {%- set properties = [] -%}
    {%- set seen = [] -%}
    {%- for entry in listed -%}
        {%- set entry = entry if entry is mapping else {'property_id': entry} -%}
        {%- set property_id = (entry.get('property_id') or '') | string -%}
        {%- if not property_id or not modules.re.match('^[A-Za-z0-9_-]+$', property_id) -%}
            {{ exceptions.raise_compiler_error(
                'var sam_ga4_properties: entry ' ~ loop.index ~ ' needs a property_id (letters, digits, _ or -), got ' ~ entry) }}
        {%- endif -%}
        {%- if property_id in seen -%}
            {{ exceptions.raise_compiler_error(
                'var sam_ga4_properties: property_id ' ~ property_id ~ ' is listed twice') }}
        {%- endif -%}
        {%- do seen.append(property_id) -%}
        {%- do properties.append({
            'property_id': property_id, 'project': entry.get('project'),
            'dataset': entry.get('dataset'), 'path': entry.get('path') or ('ga4/' ~ property_id),
            'is_source': false,
        }) -%}
    {%- endfor -%}
    {{ return(properties) }}
{%- endmacro %}

{#- A listed property's shard wildcard (BigQuery; not a dbt source: sources cannot be listed by
    var). -#}
{% macro ga4_property_relation(property, identifier) -%}
    {{ return(api.Relation.create(
        database=property.project or target.database,
        schema=property.dataset or ('analytics_' ~ property.property_id),
        identifier=identifier,
    )) }}
{%- endmacro %}

{#- Whether intraday shards exist to be read (var sam_ga4_include_intraday, then a look at the
    warehouse: a wildcard or glob that matches no table is an error on both engines, and a
    property on the daily batch export alone has none). Offline and at parse time: assumed. -#}
{% macro ga4_intraday_exists(property=none) -%}
    {%- if not var('sam_ga4_include_intraday') -%}
        {{ return(false) }}
    {%- elif not execute or var('sam_offline_is_incremental') is not none -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(adapter.dispatch('ga4_intraday_exists', 'sam')(property or sam.ga4_properties()[0])) }}
{%- endmacro %}

{% macro default__ga4_intraday_exists(property) -%}
    {%- set relation = source('ga4', 'events_intraday') if property.is_source
        else sam.ga4_property_relation(property, 'events_intraday_*') -%}
    {%- set found = run_query(
        'select count(*) from `' ~ relation.database ~ '`.`' ~ relation.schema
        ~ "`.INFORMATION_SCHEMA.TABLES where starts_with(table_name, 'events_intraday_')"
    ) -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{%- endmacro %}

{% macro duckdb__ga4_intraday_exists(property) -%}
    {%- set found = run_query(
        "select count(*) from glob('" ~ sam.ga4_data_glob('events_intraday_*.parquet', property) ~ "')"
    ) -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#- What base_ga4__events reads: [property, kind] for each property and each of its shard kinds. -#}
{% macro ga4_shard_reads() -%}
    {%- set reads = [] -%}
    {%- for property in sam.ga4_properties() -%}
        {%- for kind in sam.ga4_shard_kinds(property) -%}
            {%- do reads.append([property, kind]) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(reads) }}
{%- endmacro %}

{#- The shard kinds a run reads of a property: daily, plus intraday when it has intraday shards. -#}
{% macro ga4_shard_kinds(property=none) -%}
    {{ return(['daily', 'intraday'] if sam.ga4_intraday_exists(property) else ['daily']) }}
{%- endmacro %}

{#- DuckDB: the path pattern of GA4 Parquet shards in the data directory (the sources' yml uses
    the same expression for the data directory); a listed property's shards are in its own folder. -#}
{% macro ga4_data_glob(pattern, property=none) -%}
    {%- set folder = property.path if property else 'ga4' -%}
    {{ return((var('sam_data_dir') or env_var('SAM_DATA_DIR', 'data/demo')) ~ '/' ~ folder ~ '/' ~ pattern) }}
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
