{#- The logic lives in macros/attribution/markov.sql (shared with the pytest checks). -#}

{{ config(materialized='table') }}

{{ sam.markov_transitions(ref('int_attribution__journeys')) }}
