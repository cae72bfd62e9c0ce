{#- Lead-quality flags of fct_leads: each flag name (as the vars sam_lead_junk_reasons and
    sam_lead_junk_behaviour_signals spell it) and the boolean column holding it. -#}
{% macro lead_quality_flags() -%}
    {{ return({
        'disposable_email_domain': 'is_disposable_email_domain',
        'duplicate_email': 'is_duplicate_email',
        'fast_form_submit': 'is_fast_form_submit',
        'zero_engagement_session': 'is_zero_engagement_session',
        'no_form_start': 'is_missing_form_start',
        'free_email_domain': 'is_free_email_domain',
    }) }}
{%- endmacro %}


{#- A var's list of flag names, checked against lead_quality_flags() (a typo fails the build). -#}
{% macro lead_quality_flag_list(var_name, allowed) -%}
    {%- set names = var(var_name) or [] -%}
    {%- for name in names if name not in allowed -%}
        {{ exceptions.raise_compiler_error(
            var_name ~ ': unknown lead-quality flag ' ~ name ~ ' (known: ' ~ allowed | join(', ') ~ ')'
        ) }}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}


{#- SQL listing, comma-separated, the names whose flag column is true (NULL when none).
    `when` (optional SQL boolean) guards the whole list. One flag per line in the compiled SQL. -#}
{% macro lead_flag_names(names, when=none) -%}
    {%- set flags = sam.lead_quality_flags() -%}
    {%- if names | length == 0 -%}
        cast(null as {{ sam.type_string() }})
    {%- else -%}
        {%- set pieces = [] -%}
        {%- for name in names -%}
            {%- do pieces.append(
                "\n                case when coalesce(" ~ flags[name] ~ ", false) then ', " ~ name ~ "' else '' end"
            ) -%}
        {%- endfor -%}
        case
            {%- if when is not none %} when not ({{ when }}) then null{% endif %}
            when {{ dbt.concat(pieces) }}
                = '' then null
            else substr({{ dbt.concat(pieces) }},
                3)
        end
    {%- endif -%}
{%- endmacro %}
