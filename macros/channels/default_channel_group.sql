{#- GA4's default channel group, as Google defines it (support.google.com/analytics/answer/9756891).
    The rule list below is Google's table row for row; int_ga4__session_channels unit-tests each rule.
    tests/test_channel_rules.py checks it against Google's table as data (src/sam/ga4/default_channel_group.csv).

    Google evaluates 18 rules top-down and the first match wins, so the ORDER of the list below is
    part of the definition (e.g. a `cpm` medium is PAID, so it becomes Paid Search / Social / … for a
    categorised source, and only reaches Display, rule 7, from an uncategorised source).

    Inputs are SQL expressions in raw case; every rule sees them lowercased, trimmed, and '' as NULL
    (`sam_channel_input`), because Google matches case-insensitively. `source_category` is the
    category from the ga4_source_categories seed (SOURCE_CATEGORY_SEARCH / SOCIAL / SHOPPING / VIDEO,
    as the seed spells them) or NULL.

    Decisions (docs/DECISIONLOG.md):
    - Email (rule 14) uses EQUALITY with the four spellings, not "contains": GA4's "matches regex"
      is a full match, and Google lists exact spellings. So `hs_email` or `newsletter-email` is not
      Email (they fall to Unassigned unless a later rule or an override catches them).
    - NULL source and NULL medium (no traffic source at all) is Direct, next to Google's
      `(direct)` / `(none)` in rule 1 (a session with no source at all is direct).

    Each rule is {name, channel, when}: the rule list is the one place a rule's name, channel and
    condition live; sam_channel_case renders either the channel or the rule name from it. -#}


{#- The normalised form every rule (and every user override) matches against. -#}
{% macro sam_channel_input(expr) -%}
    nullif(lower(trim({{ expr }})), '')
{%- endmacro %}


{#- Google's 18 rules + the Unassigned catch-all, in Google's order. Returns a list of rules. -#}
{% macro sam_default_channel_rules(source, medium, campaign, source_category) %}
    {#- Google's lists and patterns, each written once. -#}
    {%- set paid_medium_regex = '^(.*cp.*|ppc|retargeting|paid.*)$' -%}
    {%- set shopping_campaign_regex = '^(.*(([^a-df-z]|^)shop|shopping).*)$' -%}
    {%- set video_medium_regex = '^(.*video.*)$' -%}
    {%- set direct_mediums = ['(not set)', '(none)'] -%}
    {%- set display_mediums = ['display', 'banner', 'expandable', 'interstitial', 'cpm'] -%}
    {%- set social_mediums = [
        'social', 'social-network', 'social-media', 'sm', 'social network', 'social media'
    ] -%}
    {%- set referral_mediums = ['referral', 'app', 'link'] -%}
    {%- set email_spellings = ['email', 'e-mail', 'e_mail', 'e mail'] -%}

    {%- set s = sam_channel_input(source) -%}
    {%- set m = sam_channel_input(medium) -%}
    {%- set c = sam_channel_input(campaign) -%}
    {%- set paid = sam.regexp_contains(m, paid_medium_regex) -%}
    {%- set shopping_campaign = sam.regexp_contains(c, shopping_campaign_regex) -%}
    {%- set search = source_category ~ " = 'SOURCE_CATEGORY_SEARCH'" -%}
    {%- set social = source_category ~ " = 'SOURCE_CATEGORY_SOCIAL'" -%}
    {%- set shopping = source_category ~ " = 'SOURCE_CATEGORY_SHOPPING'" -%}
    {%- set video = source_category ~ " = 'SOURCE_CATEGORY_VIDEO'" -%}

    {%- set rules = [] -%}
    {%- set when -%}
        ({{ s }} = '(direct)' and {{ m }} in {{ sam_sql_list(direct_mediums) }})
        or ({{ s }} is null and {{ m }} is null)
    {%- endset -%}
    {%- do rules.append({'name': 'rule_01_direct', 'channel': 'Direct', 'when': when}) -%}

    {%- set when %}{{ c }} like '%cross-network%'{% endset -%}
    {%- do rules.append({'name': 'rule_02_cross_network', 'channel': 'Cross-network', 'when': when}) -%}

    {%- set when %}({{ shopping }} or {{ shopping_campaign }}) and {{ paid }}{% endset -%}
    {%- do rules.append({'name': 'rule_03_paid_shopping', 'channel': 'Paid Shopping', 'when': when}) -%}

    {%- set when %}{{ search }} and {{ paid }}{% endset -%}
    {%- do rules.append({'name': 'rule_04_paid_search', 'channel': 'Paid Search', 'when': when}) -%}

    {%- set when %}{{ social }} and {{ paid }}{% endset -%}
    {%- do rules.append({'name': 'rule_05_paid_social', 'channel': 'Paid Social', 'when': when}) -%}

    {%- set when %}{{ video }} and {{ paid }}{% endset -%}
    {%- do rules.append({'name': 'rule_06_paid_video', 'channel': 'Paid Video', 'when': when}) -%}

    {%- set when %}{{ m }} in {{ sam_sql_list(display_mediums) }}{% endset -%}
    {%- do rules.append({'name': 'rule_07_display', 'channel': 'Display', 'when': when}) -%}

    {%- do rules.append({'name': 'rule_08_paid_other', 'channel': 'Paid Other', 'when': paid}) -%}

    {%- set when %}{{ shopping }} or {{ shopping_campaign }}{% endset -%}
    {%- do rules.append({'name': 'rule_09_organic_shopping', 'channel': 'Organic Shopping', 'when': when}) -%}

    {%- set when %}{{ social }} or {{ m }} in {{ sam_sql_list(social_mediums) }}{% endset -%}
    {%- do rules.append({'name': 'rule_10_organic_social', 'channel': 'Organic Social', 'when': when}) -%}

    {%- set when %}{{ video }} or {{ sam.regexp_contains(m, video_medium_regex) }}{% endset -%}
    {%- do rules.append({'name': 'rule_11_organic_video', 'channel': 'Organic Video', 'when': when}) -%}

    {%- set when %}{{ search }} or {{ m }} = 'organic'{% endset -%}
    {%- do rules.append({'name': 'rule_12_organic_search', 'channel': 'Organic Search', 'when': when}) -%}

    {%- set when %}{{ m }} in {{ sam_sql_list(referral_mediums) }}{% endset -%}
    {%- do rules.append({'name': 'rule_13_referral', 'channel': 'Referral', 'when': when}) -%}

    {#- Equality, not contains: see the decision at the top of this file. -#}
    {%- set when -%}
        {{ s }} in {{ sam_sql_list(email_spellings) }} or {{ m }} in {{ sam_sql_list(email_spellings) }}
    {%- endset -%}
    {%- do rules.append({'name': 'rule_14_email', 'channel': 'Email', 'when': when}) -%}

    {%- set when %}{{ m }} = 'affiliate'{% endset -%}
    {%- do rules.append({'name': 'rule_15_affiliates', 'channel': 'Affiliates', 'when': when}) -%}

    {%- set when %}{{ m }} = 'audio'{% endset -%}
    {%- do rules.append({'name': 'rule_16_audio', 'channel': 'Audio', 'when': when}) -%}

    {%- set when %}{{ s }} = 'sms' or {{ m }} = 'sms'{% endset -%}
    {%- do rules.append({'name': 'rule_17_sms', 'channel': 'SMS', 'when': when}) -%}

    {%- set when -%}
        {{ m }} like '%push' or {{ m }} like '%mobile%' or {{ m }} like '%notification%'
        or {{ s }} = 'firebase'
    {%- endset -%}
    {%- do rules.append({'name': 'rule_18_mobile_push', 'channel': 'Mobile Push Notifications', 'when': when}) -%}

    {%- do rules.append({'name': 'unassigned', 'channel': 'Unassigned', 'when': 'true'}) -%}
    {{ return(rules) }}
{% endmacro %}


{#- The channel by Google's rules alone: a CASE expression. -#}
{% macro sam_default_channel_group(source, medium, campaign, source_category) -%}
    {{ sam_channel_case(sam_default_channel_rules(source, medium, campaign, source_category), 'channel') }}
{%- endmacro %}


{#- Render a rule list as a CASE giving each row the first matching rule's `channel` or `name`.
    A rule's channel is text; a rule may instead carry `channel_sql` (an expression, e.g. GA4's own
    label column). The last rule of every list is the catch-all, so the CASE needs no else. -#}
{% macro sam_channel_case(rules, output) -%}
    case
    {%- for rule in rules %}
        when {{ rule.when }} then
        {%- if output == 'name' %} {{ sam_sql_string(rule.name) }}
        {%- elif rule.channel_sql is defined %} {{ rule.channel_sql }}
        {%- else %} {{ sam_sql_string(rule.channel) }}
        {%- endif %}
    {%- endfor %}
    end
{%- endmacro %}


{#- A string literal, quotes escaped the engine's way (dbt.escape_single_quotes dispatches). -#}
{% macro sam_sql_string(text) -%}
    '{{ dbt.escape_single_quotes(text) }}'
{%- endmacro %}


{#- ('a', 'b', …) for an `in` list. -#}
{% macro sam_sql_list(values) -%}
    ({% for value in values %}{{ sam_sql_string(value) }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}
