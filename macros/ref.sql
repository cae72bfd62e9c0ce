{#- SAM's nodes find SAM's own models first. dbt resolves a one-argument ref in the ROOT project
    first (unless the host sets the require_ref_searches_node_package_before_root flag), so with SAM
    installed as a package a host model named like one of SAM's (dim_dates, fct_leads, ...) would
    silently replace it inside SAM. This override is local to SAM's nodes: ref('x') becomes
    ref('sam', 'x'), which means the same thing when SAM is the root project. Two-argument refs
    and versions pass through unchanged. -#}
{% macro ref() %}
    {%- if varargs | length == 1 -%}
        {{ return(builtins.ref('sam', varargs[0], **kwargs)) }}
    {%- endif -%}
    {{ return(builtins.ref(*varargs, **kwargs)) }}
{% endmacro %}
