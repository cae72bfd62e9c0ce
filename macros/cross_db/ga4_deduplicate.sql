{#- Exact-duplicate removal for base_ga4__events: of the rows of `relation` that share an event
    key (ga4_event_key, computed here from the relation's columns, event_params among them), keep
    the one of the earliest shard_suffix, returning its event_key and duplicate_rows = how many
    copies it absorbed. `relation` has columns event_params and row_in_shard (ga4_row_in_shard),
    which it does not return; event_key comes right before duplicate_rows.

    BigQuery: one window pass (a count and a row_number over the same partition and order).
    DuckDB: that window over ~60 wide columns sorts every event and spills (284 s and 6 GiB at
    10 M events, measured 2026-12-05), so the duplicates are found on narrow passes and the wide
    rows stream past the few it finds in a hash join. A first pass groups a narrow key (the event
    key's scalar columns, hashed natively as an integer: no parameters, no text) and keeps the
    keys that repeat (~1 % of the rows); only those rows get the full event key and the window. The
    wide pass computes event_key after the join, once per row. `relation` must be a CTE DuckDB
    inlines (cte_not_materialized), so each narrow pass reads only its columns. Two rows with one
    event key have one narrow key (text columns coalesced to '' as in the event key), so no
    duplicate is missed. -#}
{% macro ga4_deduplicate(relation) -%}
    {{ return(adapter.dispatch('ga4_deduplicate', 'sam')(relation)) }}
{%- endmacro %}

{% macro default__ga4_deduplicate(relation) -%}
    select
        * except (row_in_shard, event_params),
        count(*) over (
            partition by event_key order by shard_suffix
            rows between unbounded preceding and unbounded following
        ) - 1 as duplicate_rows
    from (select *, {{ sam.ga4_event_key() }} as event_key from {{ relation }}) as keyed
    -- BigQuery accepts QUALIFY only beside WHERE, GROUP BY or HAVING
    where true
    qualify row_number() over (partition by event_key order by shard_suffix) = 1
{%- endmacro %}

{#- The narrow key of duckdb__ga4_deduplicate: the event key's scalar columns as DuckDB's native
    hash (UBIGINT); text columns coalesced to '' as row_fingerprint does, so that two rows with
    one event key always share it. -#}
{% macro _ga4_narrow_event_key(prefix='') -%}
    {%- set parts = [] -%}
    {%- for column, is_text in sam.ga4_event_key_columns().items() -%}
        {%- do parts.append("coalesce(" ~ prefix ~ column ~ ", '')" if is_text else prefix ~ column) -%}
    {%- endfor -%}
    hash({{ parts | join(', ') }})
{%- endmacro %}

{% macro duckdb__ga4_deduplicate(relation) -%}
    select
        kept.* exclude (row_in_shard, event_params),
        {{ sam.ga4_event_key() }} as event_key,
        coalesce(copies.duplicate_rows, 0) as duplicate_rows
    from {{ relation }} as kept
    left join (
        select *
        from (
            select
                narrow_key,
                shard_suffix as copy_shard_suffix,
                row_in_shard as copy_row_in_shard,
                count(*) over (partition by event_key) - 1 as duplicate_rows,
                row_number() over (
                    partition by event_key order by shard_suffix, row_in_shard
                ) as copy_number
            from (
                select
                    {{ sam._ga4_narrow_event_key() }} as narrow_key,
                    shard_suffix,
                    row_in_shard,
                    {{ sam.ga4_event_key() }} as event_key
                from {{ relation }}
                where {{ sam._ga4_narrow_event_key() }} in (
                    select {{ sam._ga4_narrow_event_key() }} from {{ relation }}
                    group by 1
                    having count(*) > 1
                )
            ) as candidates
        ) as numbered
        where duplicate_rows > 0
    ) as copies
        on
            {{ sam._ga4_narrow_event_key('kept.') }} = copies.narrow_key
            and kept.shard_suffix = copies.copy_shard_suffix
            and kept.row_in_shard = copies.copy_row_in_shard
    where copies.narrow_key is null or copies.copy_number = 1
{%- endmacro %}

{#- A row's position within its shard, for ga4_deduplicate. DuckDB: the row number in its Parquet
    file (the sources read them with file_row_number). BigQuery has none and needs none. -#}
{% macro ga4_row_in_shard() -%}
    {{ return(adapter.dispatch('ga4_row_in_shard', 'sam')()) }}
{%- endmacro %}

{% macro default__ga4_row_in_shard() -%}
    cast(null as int64)
{%- endmacro %}

{% macro duckdb__ga4_row_in_shard() -%}
    file_row_number
{%- endmacro %}

{#- `not materialized` where DuckDB would otherwise materialise a CTE referenced more than once
    (all its wide rows in memory); inlined, each reference reads only the columns it uses.
    BigQuery has no such hint. -#}
{% macro cte_not_materialized() -%}
    {{ return(adapter.dispatch('cte_not_materialized', 'sam')()) }}
{%- endmacro %}

{% macro default__cte_not_materialized() -%}{%- endmacro %}

{% macro duckdb__cte_not_materialized() -%}
    not materialized
{%- endmacro %}
