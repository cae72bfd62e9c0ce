{#- Exact-duplicate removal for base_ga4__events: of the rows of `relation` that share an
    event_key, keep the one of the earliest shard_suffix, with duplicate_rows = how many copies
    it absorbed. `relation` has a column row_in_shard (ga4_row_in_shard) that it does not return.

    BigQuery: one window pass (a count and a row_number over the same partition and order).
    DuckDB: that window over ~60 wide columns sorts every event and spills (284 s and 6 GiB at
    10 M events, measured 2026-12-05), so it runs on a narrow projection instead (key, shard, the
    row's position in its Parquet file), only the keys that repeat are kept, and the wide rows
    stream past that small set in a hash join. `relation` must be a CTE DuckDB inlines
    (cte_not_materialized), so the narrow pass reads only the key's columns. -#}
{% macro ga4_deduplicate(relation) -%}
    {{ return(adapter.dispatch('ga4_deduplicate', 'sam')(relation)) }}
{%- endmacro %}

{% macro default__ga4_deduplicate(relation) -%}
    select
        * except (row_in_shard),
        count(*) over (
            partition by event_key order by shard_suffix
            rows between unbounded preceding and unbounded following
        ) - 1 as duplicate_rows
    from {{ relation }}
    -- BigQuery accepts QUALIFY only beside WHERE, GROUP BY or HAVING
    where true
    qualify row_number() over (partition by event_key order by shard_suffix) = 1
{%- endmacro %}

{% macro duckdb__ga4_deduplicate(relation) -%}
    select
        kept.* exclude (row_in_shard),
        coalesce(copies.duplicate_rows, 0) as duplicate_rows
    from {{ relation }} as kept
    left join (
        select *
        from (
            select
                event_key,
                shard_suffix,
                row_in_shard,
                count(*) over (partition by event_key) - 1 as duplicate_rows,
                row_number() over (
                    partition by event_key order by shard_suffix, row_in_shard
                ) as copy_number
            from {{ relation }}
        ) as numbered
        where duplicate_rows > 0
    ) as copies
        on
            kept.event_key = copies.event_key
            and kept.shard_suffix = copies.shard_suffix
            and kept.row_in_shard = copies.row_in_shard
    where copies.event_key is null or copies.copy_number = 1
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
