{#- The per-platform CTEs of the ad-platform models stacked into one relation.

    sam_no_rows(columns): a select of no rows with the given columns, each cast(null as <type>);
    `columns` is a list of [name, sql_type] pairs in output order. It gives a union of the enabled
    platforms its shape (and a table of the right shape when no platform is enabled).
    sam_union_platforms(platforms, suffix, columns): `select * from <platform><suffix>` for each
    platform, union all, ending with sam_no_rows(columns). -#}

{% macro sam_no_rows(columns) -%}
    select
        {%- for column in columns %}
        cast(null as {{ column[1] }}) as {{ column[0] }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from (select 1 as one) as one_row
    where false
{%- endmacro %}


{% macro sam_union_platforms(platforms, suffix, columns) -%}
    {%- for platform in platforms %}
    select * from {{ platform }}{{ suffix }}
    union all
    {%- endfor %}
    {{ sam_no_rows(columns) }}
{%- endmacro %}
