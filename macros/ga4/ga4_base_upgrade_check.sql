{#- An incremental run of base_ga4__events on a table built before its keys changed (the event
    and session fingerprints of row_fingerprint, the property_id of several GA4 properties,
    2026-12-05) would keep the old rows' keys beside the new ones: sessions that cross the re-read
    window would split and old rows would carry a NULL property_id. Such a table has no
    property_id column: the run stops with one line that says how to rebuild it, instead of
    mixing the two. Not dropped automatically, as the session models are (ga4_session_window_upgrade):
    rebuilding this model re-reads the whole export, which on a protected target needs the user's
    consent (sam_allow_full_refresh). -#}
{% macro ga4_base_upgrade_check(relation=this) %}
    {#- Only where a run writes (relation_lacks_columns): never on `dbt compile` or the offline
        BigQuery check (which has no warehouse to ask). -#}
    {%- if is_incremental() and sam.relation_lacks_columns(relation, ['property_id']) -%}
        {{ exceptions.raise_compiler_error(
            relation ~ " was built by an older SAM (no property_id column; its event and session keys"
            ~ " have changed since): rebuild it and the models below it once with"
            ~ " `dbt build --full-refresh --select base_ga4__events+`"
            ~ " (on a protected target add --vars '{sam_allow_full_refresh: true}')"
        ) }}
    {%- endif -%}
    {{ return('') }}
{% endmacro %}
