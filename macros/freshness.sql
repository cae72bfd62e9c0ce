{#- `dbt source freshness` judged against a declared day instead of the clock.

    dbt measures a source's age as snapshotted_at - max(loaded_at_field), snapshotted_at being the
    warehouse's current_timestamp(). A frozen data set (the demo, a fixture, a backfill checked
    after the fact) is then always stale. With var sam_freshness_as_of = 'YYYY-MM-DD' the "now" of
    every freshness check is the end of that day (23:59:59 UTC); null (the default) = the clock,
    for real data. `sam freshness` sets it from the data directory's manifest.json "as_of".

    These override dbt's own default__collect_freshness[_custom_sql] (dispatched root project
    first), so they apply when SAM is the root project; installed as a package, SAM's sources are
    judged against the clock by dbt's macros, which is what real data wants. -#}

{% macro freshness_now() -%}
    {%- set as_of = var('sam_freshness_as_of', none) -%}
    {%- if as_of is none or as_of == '' -%}
        {{ current_timestamp() }}
    {%- else -%}
        {%- if not modules.re.match('^\d{4}-\d{2}-\d{2}$', as_of | string) -%}
            {{ exceptions.raise_compiler_error(
                "var sam_freshness_as_of must be a date 'YYYY-MM-DD' (or null for now), not '"
                ~ as_of ~ "'") }}
        {%- endif -%}
        cast('{{ as_of }} 23:59:59' as timestamp)
    {%- endif -%}
{%- endmacro %}

{% macro default__collect_freshness(source, loaded_at_field, filter) %}
    {% call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
        select
            max({{ loaded_at_field }}) as max_loaded_at,
            {{ sam.freshness_now() }} as snapshotted_at
        from {{ source }}
        {% if filter %}
        where {{ filter }}
        {% endif %}
    {% endcall %}
    {{ return(load_result('collect_freshness')) }}
{% endmacro %}

{% macro default__collect_freshness_custom_sql(source, loaded_at_query) %}
    {% call statement('collect_freshness_custom_sql', fetch_result=True, auto_begin=False) -%}
        with source_query as (
            {{ loaded_at_query }}
        )
        select
            (select * from source_query) as max_loaded_at,
            {{ sam.freshness_now() }} as snapshotted_at
    {% endcall %}
    {{ return(load_result('collect_freshness_custom_sql')) }}
{% endmacro %}

{#- Freshness of every GA4 property of var sam_ga4_properties (dbt's source freshness judges the
    one `ga4` source only; a listed property is not a dbt source). A run-operation:

        dbt run-operation ga4_properties_freshness [--vars '{sam_freshness_as_of: 2024-12-31}']

    For each property: the newest shard date from the shards' names alone (no bytes scanned:
    DuckDB globs the property's folder, BigQuery reads the dataset's INFORMATION_SCHEMA.TABLES),
    daily shards and, with sam_ga4_include_intraday, intraday ones; its age is now (sam.freshness_now's
    day: sam_freshness_as_of, else the run's start) minus the end of that day, judged like the `ga4`
    source (warn after 2 days, error after 4). Logs one line per property; a property without a
    shard or past the error age fails the operation with one line naming each. `sam freshness`
    runs it after dbt source freshness when several properties are listed. -#}
{% macro ga4_properties_freshness(warn_after_days=2, error_after_days=4) %}
    {%- set as_of = var('sam_freshness_as_of', none) -%}
    {%- if as_of is none or as_of == '' -%}
        {%- set now = run_started_at.replace(tzinfo=none) -%}
    {%- else -%}
        {%- if not modules.re.match('^\d{4}-\d{2}-\d{2}$', as_of | string) -%}
            {{ exceptions.raise_compiler_error(
                "var sam_freshness_as_of must be a date 'YYYY-MM-DD' (or null for now), not '"
                ~ as_of ~ "'") }}
        {%- endif -%}
        {%- set now = modules.datetime.datetime.strptime(as_of | string ~ ' 23:59:59', '%Y-%m-%d %H:%M:%S') -%}
    {%- endif -%}
    {%- set errors = [] -%}
    {%- for property in sam.ga4_properties() -%}
        {%- set newest = sam.ga4_newest_shard(property) -%}
        {%- if not newest -%}
            {%- set line = 'ga4 property ' ~ property.property_id ~ ': no GA4 shard found ('
                ~ sam.ga4_property_location(property) ~ ') - ERROR' -%}
            {%- do errors.append(line) -%}
        {%- else -%}
            {%- set loaded = modules.datetime.datetime.strptime(newest | string, '%Y%m%d') -%}
            {%- set age = (now - loaded).total_seconds() / 86400 -%}
            {%- set status = 'ERROR STALE' if age > error_after_days
                else ('WARN' if age > warn_after_days else 'PASS') -%}
            {%- set line = 'ga4 property ' ~ property.property_id ~ ': newest shard '
                ~ newest ~ ', ' ~ ('%.1f' | format(age)) ~ ' days old (warn after '
                ~ warn_after_days ~ ', error after ' ~ error_after_days ~ ') - ' ~ status -%}
            {%- if status == 'ERROR STALE' -%}
                {%- do errors.append(line) -%}
            {%- endif -%}
        {%- endif -%}
        {{ log(line, info=true) }}
    {%- endfor -%}
    {%- if errors -%}
        {{ exceptions.raise_compiler_error(errors | join('; ')) }}
    {%- endif -%}
{% endmacro %}

{#- Where a property's shards are looked for (for messages). -#}
{% macro ga4_property_location(property) -%}
    {{ return(adapter.dispatch('ga4_property_location', 'sam')(property)) }}
{%- endmacro %}

{#- The relation of a property's daily shards on BigQuery (its dataset is what the freshness
    macros read): the ga4 source for the source's own property, else the listed dataset. -#}
{% macro ga4_property_daily_relation(property) -%}
    {{ return(source('ga4', 'events') if property.is_source
        else sam.ga4_property_relation(property, 'events_2*')) }}
{%- endmacro %}

{% macro default__ga4_property_location(property) -%}
    {%- set relation = sam.ga4_property_daily_relation(property) -%}
    {{ return(relation.database ~ '.' ~ relation.schema) }}
{%- endmacro %}

{% macro duckdb__ga4_property_location(property) -%}
    {{ return(sam.ga4_data_glob('events_*.parquet', property)) }}
{%- endmacro %}

{#- The newest shard date `YYYYMMDD` of a property (daily, and intraday when
    sam_ga4_include_intraday), from the shard names; none when it has no shard. -#}
{% macro ga4_newest_shard(property) -%}
    {{ return(adapter.dispatch('ga4_newest_shard', 'sam')(property)) }}
{%- endmacro %}

{% macro default__ga4_newest_shard(property) -%}
    {%- set relation = sam.ga4_property_daily_relation(property) -%}
    {%- set pattern = '^events_(?:intraday_)?([0-9]{8})$' if sam.sam_var_is_true('sam_ga4_include_intraday')
        else '^events_([0-9]{8})$' -%}
    {%- set found = run_query(
        "select max(regexp_extract(table_name, r'" ~ pattern ~ "')) from `" ~ relation.database
        ~ '`.`' ~ relation.schema ~ '`.INFORMATION_SCHEMA.TABLES'
    ) -%}
    {{ return(found.columns[0].values()[0]) }}
{%- endmacro %}

{% macro duckdb__ga4_newest_shard(property) -%}
    {%- set pattern = 'events_(?:intraday_)?([0-9]{8})\\.parquet$' if sam.sam_var_is_true('sam_ga4_include_intraday')
        else 'events_([0-9]{8})\\.parquet$' -%}
    {%- set found = run_query(
        "select max(nullif(regexp_extract(file, '" ~ pattern ~ "', 1), '')) from glob('"
        ~ sam.ga4_data_glob('events_*.parquet', property) ~ "')"
    ) -%}
    {{ return(found.columns[0].values()[0]) }}
{%- endmacro %}
