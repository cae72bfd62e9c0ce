{#- The project's vars checked before any node runs (on-run-start in dbt_project.yml): a wrong
    value fails the run at once with one line naming the var, instead of an empty scorecard with
    exit 0 or a raw engine error deep in a model. `sam build` runs the same checks in Python
    first (sam.var_checks), where RE2-style regexes can be compiled too; Jinja cannot catch a
    regex error, so here a regex is only checked to be a string.

    validate_vars(overrides): the messages for the vars (overrides: a mapping read before var(),
    for the fault suite); raise_on_invalid_vars(): the hook, raising the first message. -#}
{% macro raise_on_invalid_vars() %}
    {%- if execute -%}
        {%- set problems = sam.validate_vars() -%}
        {%- if problems -%}
            {{ exceptions.raise_compiler_error(problems[0]) }}
        {%- endif -%}
    {%- endif -%}
    select 1 as vars_checked
{% endmacro %}

{% macro validate_vars(overrides={}) %}
    {%- set problems = [] -%}
    {%- set ns = namespace(value=none) -%}

    {#- sam_crm -#}
    {%- set crm = overrides.get('sam_crm', var('sam_crm')) -%}
    {%- if crm not in ['hubspot', 'salesforce'] -%}
        {%- do problems.append("var sam_crm must be hubspot or salesforce, got '" ~ crm ~ "'") -%}
    {%- endif -%}

    {#- dates: YYYY-MM-DD that exist, and each window in order -#}
    {%- set dates = {} -%}
    {%- for name in ['sam_ga4_start_date', 'sam_ga4_end_date', 'sam_reporting_start_date',
                     'sam_reporting_end_date', 'sam_time_spine_start_date', 'sam_time_spine_end_date'] -%}
        {%- set value = overrides.get(name, var(name)) -%}
        {%- if value is not none -%}
            {%- set text = value | string -%}
            {%- set match = modules.re.match('^(\\d{4})-(\\d{2})-(\\d{2})$', text) -%}
            {%- set ok = match is not none -%}
            {%- if ok -%}
                {%- set year, month, day = match.group(1) | int, match.group(2) | int, match.group(3) | int -%}
                {%- set leap = (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 -%}
                {%- set month_days = [31, 29 if leap else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] -%}
                {%- set ok = 1 <= month <= 12 and 1 <= day <= month_days[month - 1] -%}
            {%- endif -%}
            {%- if ok -%}
                {%- do dates.update({name: text}) -%}
            {%- else -%}
                {%- do problems.append("var " ~ name ~ " must be a date YYYY-MM-DD, got '" ~ text ~ "'") -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for first, last in [['sam_ga4_start_date', 'sam_ga4_end_date'],
                            ['sam_reporting_start_date', 'sam_reporting_end_date'],
                            ['sam_time_spine_start_date', 'sam_time_spine_end_date']] -%}
        {%- if first in dates and last in dates and dates[first] > dates[last] -%}
            {%- do problems.append("var " ~ first ~ " (" ~ dates[first] ~ ") is after " ~ last
                ~ " (" ~ dates[last] ~ "): the window would be empty") -%}
        {%- endif -%}
    {%- endfor -%}

    {#- whole numbers that must not be negative -#}
    {%- for name in ['sam_ga4_late_days', 'sam_fx_max_rate_age_days', 'sam_lead_form_match_seconds',
                     'sam_lead_fast_submit_seconds'] -%}
        {%- set value = overrides.get(name, var(name)) -%}
        {%- if not modules.re.match('^\\d+$', value | string) -%}
            {%- do problems.append("var " ~ name ~ " must be a whole number >= 0, got '" ~ value ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set recent = overrides.get('sam_test_recent_days', var('sam_test_recent_days', none)) -%}
    {%- if recent is not none and not modules.re.match('^\\d+$', recent | string) -%}
        {%- do problems.append("var sam_test_recent_days must be null or a whole number >= 0, got '" ~ recent ~ "'") -%}
    {%- endif -%}
    {%- set half_life = overrides.get('sam_attribution_half_life_days', var('sam_attribution_half_life_days')) -%}
    {%- if not modules.re.match('^\\d+(\\.\\d+)?$', half_life | string) or half_life | float <= 0 -%}
        {%- do problems.append("var sam_attribution_half_life_days must be a number > 0, got '" ~ half_life ~ "'") -%}
    {%- endif -%}

    {#- enumerations -#}
    {%- set holds = overrides.get('sam_ga4_user_id_holds', var('sam_ga4_user_id_holds')) -%}
    {%- if holds not in ['none', 'crm_id', 'email_sha256'] -%}
        {%- do problems.append("var sam_ga4_user_id_holds must be none, crm_id or email_sha256, got '" ~ holds ~ "'") -%}
    {%- endif -%}
    {%- set known_models = ['first_touch', 'last_touch', 'last_non_direct', 'linear', 'time_decay',
                            'u_shaped', 'w_shaped', 'full_path', 'markov', 'shapley'] -%}
    {%- for model in overrides.get('sam_attribution_models', var('sam_attribution_models')) or [] -%}
        {%- if model not in known_models -%}
            {%- do problems.append("var sam_attribution_models: unknown model '" ~ model ~ "' (one of "
                ~ known_models | join(', ') ~ ")") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set currency = overrides.get('sam_reporting_currency', var('sam_reporting_currency')) | string -%}
    {%- if not modules.re.match('^[A-Za-z]{3}$', currency) -%}
        {%- do problems.append("var sam_reporting_currency must be a 3-letter ISO code, got '" ~ currency ~ "'") -%}
    {%- endif -%}

    {#- channel overrides: a list of mappings with a channel and at least one regex -#}
    {%- set overrides_var = overrides.get('sam_channel_overrides', var('sam_channel_overrides')) or [] -%}
    {%- for entry in overrides_var -%}
        {%- set where = 'var sam_channel_overrides[' ~ loop.index0 ~ ']' -%}
        {%- if entry is not mapping or not entry.get('channel') -%}
            {%- do problems.append(where ~ " needs a channel and at least one of source, medium, campaign") -%}
        {%- elif not (entry.get('source') or entry.get('medium') or entry.get('campaign')) -%}
            {%- do problems.append(where ~ " (" ~ entry.get('channel') ~ ") has no source, medium or campaign regex") -%}
        {%- endif -%}
    {%- endfor -%}
    {{ return(problems) }}
{% endmacro %}
