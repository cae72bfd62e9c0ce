{#- The order of GA4 events within a session: time, then the batch position GA4 exports since
    2024 (page, request, event), then the event key so ties are broken the same way every run.
    Used wherever "the first event of a session that ..." is picked.
    NULLs sort last, written out: the engines' defaults differ (BigQuery puts NULLs first in an
    ascending order, DuckDB last), and shards from before 2024 have no batch fields. -#}
{% macro ga4_event_order() -%}
    {%- for column in sam.ga4_event_order_columns() -%}
        {{ column }} asc nulls last{{ ',\n    ' if not loop.last }}
    {%- endfor -%}
{%- endmacro %}

{#- The columns of ga4_event_order, for first_by (the first event of a session that ...). -#}
{% macro ga4_event_order_columns() -%}
    {{ return(['event_timestamp', 'batch_page_id', 'batch_ordering_id', 'batch_event_index', 'event_key']) }}
{%- endmacro %}
