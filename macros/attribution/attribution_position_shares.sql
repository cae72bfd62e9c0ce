{#- The one place the position-based models' shares are written (docs/attribution.md).
    Each role's share, and the middle share split equally over the model's middle touches.
    middle = which touches are "middle": between_ft_and_lc, between_ft_and_oc, or not_a_role. -#}
{% macro attribution_position_shares() -%}
    {{ return({
        'u_shaped': {'ft': 0.4, 'lc': 0.4, 'oc': 0.0, 'cw': 0.0, 'middle': 0.2,
                     'middle_touches': 'between_ft_and_lc'},
        'w_shaped': {'ft': 0.3, 'lc': 0.3, 'oc': 0.3, 'cw': 0.0, 'middle': 0.1,
                     'middle_touches': 'between_ft_and_oc'},
        'full_path': {'ft': 0.225, 'lc': 0.225, 'oc': 0.225, 'cw': 0.225, 'middle': 0.1,
                      'middle_touches': 'not_a_role'},
    }) }}
{%- endmacro %}

{#- Which position model applies to a conversion type: a model naming a milestone the conversion
    does not have degrades (W and full path -> U for lead stages; full path -> W for an opportunity
    that is not won yet). -#}
{% macro attribution_position_model(model_name, conversion_type_column) -%}
    {%- if model_name == 'u_shaped' -%}
        'u_shaped'
    {%- elif model_name == 'w_shaped' -%}
        case
            when {{ conversion_type_column }} in ('opportunity_created', 'closed_won')
                then 'w_shaped'
            else 'u_shaped'
        end
    {%- else -%}
        case {{ conversion_type_column }}
            when 'closed_won' then 'full_path'
            when 'opportunity_created' then 'w_shaped'
            else 'u_shaped'
        end
    {%- endif -%}
{%- endmacro %}
