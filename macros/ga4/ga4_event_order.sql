{#- The order of GA4 events within a session: time, then the batch position GA4 exports since
    2024 (page, request, event), then the event key so ties are broken the same way every run.
    Used wherever "the first event of a session that ..." is picked. -#}
{% macro ga4_event_order() -%}
    event_timestamp, batch_page_id, batch_ordering_id, batch_event_index, event_key
{%- endmacro %}
