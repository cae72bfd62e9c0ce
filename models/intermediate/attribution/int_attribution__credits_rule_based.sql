{#- Credits of every touch of every converting journey under each enabled rule-based model
    (var sam_attribution_models), exactly as docs/attribution.md defines them. The position-based
    models' shares are the position_shares CTE below (written once). -#}
{{
    config(
        materialized='table',
        partition_by=sam.partition_by_day('converted_at', 'timestamp'),
        cluster_by=['attribution_model'],
    )
}}

{%- set rule_models = [
    'first_touch', 'last_touch', 'last_non_direct', 'linear', 'time_decay',
    'u_shaped', 'w_shaped', 'full_path',
] -%}
{%- set enabled = var('sam_attribution_models') | select('in', rule_models) | list -%}

with

journeys as (

    select * from {{ ref('int_attribution__journeys') }}
    where is_converting

),

attribution_models as (

    {%- for model_name in enabled %}
        select '{{ model_name }}' as attribution_model
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
    {%- if not enabled %}
    select cast(null as {{ sam.type_string() }}) as attribution_model
    from journeys
    where false
    {%- endif %}

),

-- Time-decay weight: halves every sam_attribution_half_life_days before the conversion.
decayed as (

    select
        *,
        power(
            0.5,
            {{ dbt.datediff('touched_at', 'converted_at', 'second') }}
            / (86400.0 * {{ var('sam_attribution_half_life_days') }})
        ) as decay_weight
    from journeys

),

-- Journey-level positions every rule needs, in one pass of window functions.
positioned as (

    select
        *,
        sum(decay_weight) over (partition by conversion_type, journey_id) as decay_total,
        coalesce(
            max(case when channel != 'Direct' then touch_number end) over (
                partition by conversion_type, journey_id
            ),
            touch_count
        ) as last_non_direct_touch_number,
        max(case when is_lc then touch_number end) over (
            partition by conversion_type, journey_id
        ) as lc_touch_number,
        max(case when is_oc then touch_number end) over (
            partition by conversion_type, journey_id
        ) as oc_touch_number,
        max(case when is_cw then touch_number end) over (
            partition by conversion_type, journey_id
        ) as cw_touch_number
    from decayed

),

-- Which touches share a position model's middle share, and how many there are per journey.
-- U: between FT and LC. W: between FT and OC (LC excluded; OC falls back to LC). Full path: every
-- touch that is none of FT, LC, OC, CW.
middles as (

    select
        *,
        touch_number > 1 and touch_number < lc_touch_number as is_middle_between_ft_and_lc,
        touch_number > 1
        and touch_number < coalesce(oc_touch_number, lc_touch_number)
        and not is_lc as is_middle_between_ft_and_oc,
        not(is_ft or is_lc or is_oc or is_cw) as is_middle_not_a_role
    from positioned

),

middle_counted as (

    select
        *,
        sum(case when is_middle_between_ft_and_lc then 1 else 0 end) over (
            partition by conversion_type, journey_id
        ) as middle_count_between_ft_and_lc,
        sum(case when is_middle_between_ft_and_oc then 1 else 0 end) over (
            partition by conversion_type, journey_id
        ) as middle_count_between_ft_and_oc,
        sum(case when is_middle_not_a_role then 1 else 0 end) over (
            partition by conversion_type, journey_id
        ) as middle_count_not_a_role
    from middles

),

-- The position-based models' shares: each role's share (FT, LC, OC, CW) and the middle share,
-- split equally over the model's middle touches.
position_shares as (

    select
        'u_shaped' as position_model,
        0.4 as ft_share,
        0.4 as lc_share,
        0.0 as oc_share,
        0.0 as cw_share,
        0.2 as middle_share,
        'between_ft_and_lc' as middle_touches
    union all

    select
        'w_shaped' as position_model,
        0.3 as ft_share,
        0.3 as lc_share,
        0.3 as oc_share,
        0.0 as cw_share,
        0.1 as middle_share,
        'between_ft_and_oc' as middle_touches
    union all

    select
        'full_path' as position_model,
        0.225 as ft_share,
        0.225 as lc_share,
        0.225 as oc_share,
        0.225 as cw_share,
        0.1 as middle_share,
        'not_a_role' as middle_touches

),

-- A model naming a milestone the conversion does not have degrades: W and full path -> U for
-- lead stages; full path -> W for an opportunity that is not won yet.
modelled as (

    select
        middle_counted.*,
        attribution_models.attribution_model,
        case
            when attribution_models.attribution_model = 'u_shaped'
                then 'u_shaped'
            when attribution_models.attribution_model = 'w_shaped'
                then case
                        when middle_counted.conversion_type in ('opportunity_created', 'closed_won')
                            then 'w_shaped'
                        else 'u_shaped'
                    end
            when attribution_models.attribution_model = 'full_path'
                then case middle_counted.conversion_type
                        when 'closed_won' then 'full_path'
                        when 'opportunity_created' then 'w_shaped'
                        else 'u_shaped'
                    end
        end as position_model
    from middle_counted
    cross join attribution_models

),

-- The shares of the touch's position model, which roles it has (a role with a share and a
-- touch), and whether the touch is a middle touch of that model.
shared as (

    select
        modelled.*,
        position_shares.ft_share,
        position_shares.lc_share,
        position_shares.oc_share,
        position_shares.cw_share,
        position_shares.middle_share,
        case position_shares.middle_touches
            when 'between_ft_and_lc' then modelled.is_middle_between_ft_and_lc
            when 'between_ft_and_oc' then modelled.is_middle_between_ft_and_oc
            when 'not_a_role' then modelled.is_middle_not_a_role
        end as is_middle,
        case position_shares.middle_touches
            when 'between_ft_and_lc' then modelled.middle_count_between_ft_and_lc
            when 'between_ft_and_oc' then modelled.middle_count_between_ft_and_oc
            when 'not_a_role' then modelled.middle_count_not_a_role
        end as middle_count,
        case when position_shares.ft_share > 0 then 1 else 0 end
        + case
            when position_shares.lc_share > 0 and modelled.lc_touch_number is not null then 1 else 0
        end
        + case
            when position_shares.oc_share > 0 and modelled.oc_touch_number is not null then 1 else 0
        end
        + case
            when position_shares.cw_share > 0 and modelled.cw_touch_number is not null then 1 else 0
        end as present_roles,
        position_shares.ft_share
        + case when modelled.lc_touch_number is not null then position_shares.lc_share else 0 end
        + case when modelled.oc_touch_number is not null then position_shares.oc_share else 0 end
        + case when modelled.cw_touch_number is not null then position_shares.cw_share else 0 end
            as present_share
    from modelled
    left join position_shares
        on modelled.position_model = position_shares.position_model

),

-- What no role or middle touch takes (a missing role, no middle touch) is shared evenly by the
-- roles present, so the credits still sum to 1. Computed on every row, also of models without
-- roles (present_roles 0): nullif keeps BigQuery from failing on a division by zero there.
unclaimed as (

    select
        *,
        (1.0 - present_share - case when middle_count > 0 then middle_share else 0 end)
        / nullif(present_roles, 0) as unclaimed_share
    from shared

),

credited as (

    select
        *,
        case
            when attribution_model = 'first_touch'
                then case when touch_number = 1 then 1.0 else 0.0 end
            when attribution_model = 'last_touch'
                then case when touch_number = touch_count then 1.0 else 0.0 end
            when attribution_model = 'last_non_direct'
                then case when touch_number = last_non_direct_touch_number then 1.0 else 0.0 end
            when attribution_model = 'linear'
                then 1.0 / touch_count
            when attribution_model = 'time_decay'
                then decay_weight / decay_total
            -- Position-based: each role the touch holds (two roles on one touch add up), plus
            -- its part of the middle share.
            when position_model is not null
                then
                    case when touch_number = 1 then ft_share + unclaimed_share else 0 end
                    + case
                        when lc_share > 0 and lc_touch_number = touch_number
                            then lc_share + unclaimed_share
                        else 0
                    end
                    + case
                        when oc_share > 0 and oc_touch_number = touch_number
                            then oc_share + unclaimed_share
                        else 0
                    end
                    + case
                        when cw_share > 0 and cw_touch_number = touch_number
                            then cw_share + unclaimed_share
                        else 0
                    end
                    + case when is_middle then middle_share / nullif(middle_count, 0) else 0 end
        end as credit
    from unclaimed

)

select
    conversion_type,
    conversion_id,
    attribution_model,
    touchpoint_id,
    touch_type,
    channel,
    campaign,
    touched_at,
    converted_at,
    -- Rounded to 12 decimals: engines sum floats in different orders; this keeps DuckDB and
    -- BigQuery results identical (credits still sum to 1 within 1e-11).
    cast(round(credit, 12) as {{ sam.type_float() }}) as credit,
    cast(round(credit, 12) * conversion_value as {{ sam.type_float() }}) as credited_value,
    touch_number,
    touch_count
from credited
