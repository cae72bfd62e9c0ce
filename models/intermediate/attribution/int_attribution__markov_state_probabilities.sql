{#- The logic lives in macros/attribution/markov.sql (shared with the pytest checks). -#}

{{ config(materialized='table') }}

{{ sam.markov_state_probabilities(ref('int_attribution__markov_transitions')) }}
