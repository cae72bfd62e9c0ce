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
