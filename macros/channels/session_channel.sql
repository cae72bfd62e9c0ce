{#- A session's channel in SAM, by precedence (first match wins):
      1. the user's overrides (var sam_channel_overrides), in list order — `override:<channel>`;
      2. GA4's own default_channel_group when the export carries it (not NULL, not empty) —
         `ga4_native`. Google knows things the export does not (Google Ads network type, DV360 /
         SA360 / CM360 specifics), so its answer beats our reproduction. Only daily shards since
         2024-10-10 carry it: older shards and intraday tables fall through to rule 3, so a
         channel's series can shift slightly on that date where Google's answer and the rules differ;
      2b. the ad platform's campaign type when the caller passes `ads_campaign_channel` (an SQL
         expression, NULL when it does not apply) — `ads_campaign_type`: a gclid session of a
         Google Ads DISPLAY campaign is Display although GA4's last click says google / cpc;
      3. Google's 18 rules (sam_default_channel_rules) — `rule_01_direct` … `rule_18_mobile_push`;
      4. `unassigned`.
    sam_session_channel gives the channel, sam_session_channel_rule the rule that decided it; both
    render the same rule list, so they cannot disagree.

    `overrides` is the value of var sam_channel_overrides (pass `var('sam_channel_overrides')`
    from the model, so dbt sees the model depend on the var): a list of
      {channel: 'LinkedIn Ads', source: '^linkedin$', medium: '^(cpc|paid.*)$', campaign: null}
    `source` / `medium` / `campaign` are RE2 regexes, each optional (missing or null = any); all
    given ones must match (partial match: anchor with ^…$). They are matched against the same
    lowercased, trimmed values as Google's rules, so write them in lowercase. A rule with no pattern
    at all would capture every session, so it is refused, as are unknown keys (a typo would
    otherwise silently match everything). -#}


{% macro sam_session_channel_rules(source, medium, campaign, source_category, native_channel_group, overrides, ads_campaign_channel=none) %}
    {%- set rules = sam_channel_override_rules(overrides, source, medium, campaign) -%}
    {%- if native_channel_group is not none -%}
        {%- do rules.append({
            'name': 'ga4_native',
            'channel_sql': 'trim(' ~ native_channel_group ~ ')',
            'when': 'nullif(trim(' ~ native_channel_group ~ "), '') is not null",
        }) -%}
    {%- endif -%}
    {%- if ads_campaign_channel is not none -%}
        {%- do rules.append({
            'name': 'ads_campaign_type',
            'channel_sql': ads_campaign_channel,
            'when': ads_campaign_channel ~ ' is not null',
        }) -%}
    {%- endif -%}
    {%- do rules.extend(sam_default_channel_rules(source, medium, campaign, source_category)) -%}
    {{ return(rules) }}
{% endmacro %}


{% macro sam_session_channel(source, medium, campaign, source_category, native_channel_group=none, overrides=[], ads_campaign_channel=none) -%}
    {{ sam_channel_case(
        sam_session_channel_rules(source, medium, campaign, source_category, native_channel_group, overrides, ads_campaign_channel),
        'channel'
    ) }}
{%- endmacro %}


{% macro sam_session_channel_rule(source, medium, campaign, source_category, native_channel_group=none, overrides=[], ads_campaign_channel=none) -%}
    {{ sam_channel_case(
        sam_session_channel_rules(source, medium, campaign, source_category, native_channel_group, overrides, ads_campaign_channel),
        'name'
    ) }}
{%- endmacro %}


{#- The overrides as rules, validated. -#}
{% macro sam_channel_override_rules(overrides, source, medium, campaign) %}
    {%- set inputs = {
        'source': sam_channel_input(source),
        'medium': sam_channel_input(medium),
        'campaign': sam_channel_input(campaign),
    } -%}
    {%- set rules = [] -%}
    {%- for override in (overrides or []) -%}
        {%- set position = 'sam_channel_overrides[' ~ loop.index0 ~ ']' -%}
        {%- if override is not mapping or not override.get('channel') -%}
            {{ exceptions.raise_compiler_error(
                position ~ ' needs a channel: ' ~ override) }}
        {%- endif -%}
        {%- for key in override if key not in ['channel'] + inputs.keys() | list -%}
            {{ exceptions.raise_compiler_error(
                position ~ ': unknown key ' ~ key
                ~ ' (allowed: channel, source, medium, campaign)') }}
        {%- endfor -%}
        {%- if '\\' in override.channel -%}
            {{ exceptions.raise_compiler_error(
                position ~ ': a channel name cannot contain a backslash: ' ~ override.channel) }}
        {%- endif -%}
        {%- set conditions = [] -%}
        {%- for field, expr in inputs.items() if override.get(field) is not none -%}
            {%- do conditions.append(sam.regexp_contains(expr, override[field] | string)) -%}
        {%- endfor -%}
        {%- if not conditions -%}
            {{ exceptions.raise_compiler_error(
                position ~ ' (' ~ override.channel
                ~ ') has no source, medium or campaign pattern: it would match every session') }}
        {%- endif -%}
        {%- do rules.append({
            'name': 'override:' ~ override.channel,
            'channel': override.channel,
            'when': '(' ~ conditions | join(' and ') ~ ')',
        }) -%}
    {%- endfor -%}
    {{ return(rules) }}
{% endmacro %}
