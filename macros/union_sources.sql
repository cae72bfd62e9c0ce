{#- Several connectors of one source unioned, with Fivetran's `source_relation` column (their
    `union_schemas` var and fivetran_utils.union_data, written small for SAM: no dbt packages).

    union_source(source_name, table_name, union_var): a relation (in parentheses) of the source
    table's rows plus `source_relation`, the schema each row came from.
      - var `union_var` empty ([]): the source itself (sam.required_source), source_relation ''.
      - a list of schemas: the same table in each schema of the source's database (BigQuery), or
        <sam_data_dir>/<source_name>/<schema>/<table>.parquet (DuckDB), unioned by column name, so
        a connector that lacks a column gives NULLs; each is checked for the required columns.
    The source itself is always referenced, so lineage, source tests and freshness stay (on DuckDB
    the source reads every folder: macros/union_sources.sql, the sources' external_location). -#}
{% macro union_source(source_name, table_name, union_var) -%}
    {%- set schemas = var(union_var, []) or [] -%}
    {%- if schemas is string or schemas is mapping -%}
        {{ exceptions.raise_compiler_error(
            'var ' ~ union_var ~ ' must be a list of schema names, got ' ~ schemas) }}
    {%- endif -%}
    {%- if not schemas -%}
        (select
            source_table.*,
            cast('' as {{ sam.type_string() }}) as source_relation
        from
            {{ sam.required_source(source_name, table_name) }}
            as source_table)
    {%- else -%}
        {%- set source_relation = source(source_name, table_name) -%}
        (
        {%- for schema in schemas %}
            {%- if not modules.re.match('^[A-Za-z0-9_-]+$', schema | string) -%}
                {{ exceptions.raise_compiler_error(
                    'var ' ~ union_var ~ ': schema ' ~ schema ~ ' must be letters, digits, _ or -') }}
            {%- endif -%}
            {%- set relation = sam.union_source_relation(source_name, table_name, schema | string) -%}
            {%- if execute and var('sam_offline_is_incremental') is none -%}
                {%- set missing = sam.missing_required_columns(source_name, table_name, relation) -%}
                {%- if missing -%}
                    {{ exceptions.raise_compiler_error(
                        '(' ~ union_var ~ ' schema ' ~ schema ~ ') ' ~ (missing | join('; '))) }}
                {%- endif -%}
            {%- endif %}
            {% if not loop.first %}{{ sam.union_all_by_name() }}{% endif %}
            select
                unioned_table.*,
                cast('{{ schema }}' as {{ sam.type_string() }}) as source_relation
            from {{ relation }} as unioned_table
        {%- endfor %}
        )
    {%- endif -%}
{%- endmacro %}

{#- The source table in another schema: BigQuery `<database>.<schema>.<identifier>`; DuckDB the
    Parquet file of the table in the schema's folder of the source's data folder. -#}
{% macro union_source_relation(source_name, table_name, schema) -%}
    {{ return(adapter.dispatch('union_source_relation', 'sam')(source_name, table_name, schema)) }}
{%- endmacro %}

{% macro default__union_source_relation(source_name, table_name, schema) -%}
    {%- set relation = source(source_name, table_name) -%}
    {{ return(api.Relation.create(
        database=relation.database, schema=schema, identifier=relation.identifier)) }}
{%- endmacro %}

{% macro duckdb__union_source_relation(source_name, table_name, schema) -%}
    {{ return(
        "(select * from read_parquet('" ~ (var('sam_data_dir') or env_var('SAM_DATA_DIR', 'data/demo'))
        ~ '/' ~ source_name ~ '/' ~ schema ~ '/' ~ table_name ~ ".parquet', union_by_name = true))"
    ) }}
{%- endmacro %}
