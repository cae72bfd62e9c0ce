{#- The ad platforms SAM reads, and how each one's clicks arrive in GA4 (var sam_ad_platforms).

    sam_ad_platform_enabled(platform): the platform's sam_<platform>_enabled var as a boolean
    (a --vars override may pass the text 'false'); sam_var_is_true(name) does it for any var.
    sam_enabled_ad_platforms(): the enabled platforms; an enabled one missing from var
    sam_ad_platforms (source and medium) is a compile error, never silently left out.
    sam_ad_platform_source / _medium(platform_expr, campaign_type_expr): SQL giving the (source,
    medium) a platform's clicks carry, per var sam_ad_platforms (medium_by_campaign_type first).
    sam_session_ad_platform(source_expr): SQL naming the platform a GA4 session came from by its
    source (each platform's `session_source` regex, first match in the var's order), else NULL. The
    spend-to-session campaign match and any later session-to-campaign join use this one rule. -#}

{% macro sam_ad_platform_enabled(platform) -%}
    {{ return(sam_var_is_true('sam_' ~ platform ~ '_enabled')) }}
{%- endmacro %}


{#- A boolean var as a boolean, whether it arrives as true or as the text 'false' (--vars). -#}
{% macro sam_var_is_true(name) -%}
    {{ return(var(name) | string | lower in ['true', '1', 'yes']) }}
{%- endmacro %}


{% macro sam_enabled_ad_platforms() %}
    {%- set traffic = var('sam_ad_platforms') -%}
    {%- set platforms = [] -%}
    {%- for platform in ['google_ads', 'microsoft_ads', 'facebook_ads', 'linkedin_ads']
        if sam_ad_platform_enabled(platform) -%}
        {#- An enabled platform without its traffic entry would lose its spend's channel. -#}
        {%- if platform not in traffic or not traffic[platform].get('source')
            or not traffic[platform].get('medium') -%}
            {{ exceptions.raise_compiler_error(
                'sam_' ~ platform ~ '_enabled is true but var sam_ad_platforms has no source and '
                ~ 'medium for ' ~ platform ~ ' (see dbt_project.yml)') }}
        {%- endif -%}
        {%- do platforms.append(platform) -%}
    {%- endfor -%}
    {{ return(platforms) }}
{% endmacro %}


{% macro sam_ad_platform_source(platform_expr) -%}
    case {{ platform_expr }}
    {%- for platform, traffic in var('sam_ad_platforms').items() %}
        when {{ sam_sql_string(platform) }} then {{ sam_sql_string(traffic.source) }}
    {%- endfor %}
    end
{%- endmacro %}


{% macro sam_ad_platform_medium(platform_expr, campaign_type_expr) -%}
    case
    {%- for platform, traffic in var('sam_ad_platforms').items() %}
        {%- for campaign_type, medium in (traffic.get('medium_by_campaign_type') or {}).items() %}
        when {{ platform_expr }} = {{ sam_sql_string(platform) }}
            and upper({{ campaign_type_expr }}) = {{ sam_sql_string(campaign_type | upper) }}
            then {{ sam_sql_string(medium) }}
        {%- endfor %}
        when {{ platform_expr }} = {{ sam_sql_string(platform) }} then {{ sam_sql_string(traffic.medium) }}
    {%- endfor %}
    end
{%- endmacro %}


{% macro sam_session_ad_platform(source_expr) -%}
    case
    {%- for platform, traffic in var('sam_ad_platforms').items() if traffic.get('session_source') %}
        when {{ sam.regexp_contains(sam_channel_input(source_expr), traffic.session_source) }}
            then {{ sam_sql_string(platform) }}
    {%- endfor %}
    end
{%- endmacro %}


{#- The normalised campaign name both sides of the spend-to-session match use. -#}
{% macro sam_campaign_key(expr) -%}
    nullif(lower(trim({{ expr }})), '')
{%- endmacro %}
