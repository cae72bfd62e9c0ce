{#- The scorecards' reporting window (vars sam_reporting_start_date / _end_date, inclusive; null =
    open) as a SQL condition on a date column. One definition, used by the scorecards and by their
    reconciliation tests. -#}
{% macro reporting_window(date_column) -%}
    {%- set start_date = var('sam_reporting_start_date') -%}
    {%- set end_date = var('sam_reporting_end_date') -%}
    (
        true
        {%- if start_date %}
            and {{ date_column }} >= cast('{{ start_date }}' as date)
        {%- endif %}
        {%- if end_date %}
            and {{ date_column }} <= cast('{{ end_date }}' as date)
        {%- endif %}
    )
{%- endmacro %}
