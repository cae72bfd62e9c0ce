{#- The order of GA4 events within a session: time, then the batch position GA4 exports since
    2024 (page, request, event), then the event key so ties are broken the same way every run.
    Used wherever "the first event of a session that ..." is picked.
    NULLs sort last, written out: the engines' defaults differ (BigQuery puts NULLs first in an
    ascending order, DuckDB last), and shards from before 2024 have no batch fields. -#}
{% macro ga4_event_order() -%}
    event_timestamp asc nulls last,
    batch_page_id asc nulls last,
    batch_ordering_id asc nulls last,
    batch_event_index asc nulls last,
    event_key asc nulls last
{%- endmacro %}
