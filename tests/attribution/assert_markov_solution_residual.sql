{#- Every state's conversion probability satisfies its chain equation
        v(s) = sum over t of P(s, t) * [1 if t = '(conversion)'; 0 if t = '(null)' or the removed
               channel; v(t) otherwise]
    to var sam_markov_tolerance, in the full chain and with each channel removed: an independent
    check that the elimination solved the system (and that no probability is NULL). -#}

with

probabilities as (

    select * from {{ ref('int_attribution__markov_state_probabilities') }}

),

transitions as (

    select * from {{ ref('int_attribution__markov_transitions') }}

),

right_hand_sides as (

    select
        probabilities.conversion_type,
        probabilities.removed_channel,
        probabilities.state,
        sum(
            case
                when transitions.to_state = '(conversion)' then transitions.transition_probability
                when transitions.to_state = '(null)' then 0
                when transitions.to_state = probabilities.removed_channel then 0
                else transitions.transition_probability * next_states.conversion_probability
            end
        ) as expected_probability
    from probabilities
    inner join transitions
        on probabilities.conversion_type = transitions.conversion_type
            and probabilities.state = transitions.from_state
    left join probabilities as next_states
        on transitions.conversion_type = next_states.conversion_type
            and probabilities.removed_channel = next_states.removed_channel
            and transitions.to_state = next_states.state
    where probabilities.state != probabilities.removed_channel
    group by probabilities.conversion_type, probabilities.removed_channel, probabilities.state

)

select
    probabilities.conversion_type,
    probabilities.removed_channel,
    probabilities.state,
    probabilities.conversion_probability,
    right_hand_sides.expected_probability
from probabilities
left join right_hand_sides
    on probabilities.conversion_type = right_hand_sides.conversion_type
        and probabilities.removed_channel = right_hand_sides.removed_channel
        and probabilities.state = right_hand_sides.state
where probabilities.conversion_probability is null
    or (
        probabilities.state != probabilities.removed_channel
        and (
            right_hand_sides.expected_probability is null
            or abs(probabilities.conversion_probability - right_hand_sides.expected_probability)
            > {{ var('sam_markov_tolerance') }}
        )
    )
    or (
        probabilities.state = probabilities.removed_channel
        and probabilities.conversion_probability != 0
    )
