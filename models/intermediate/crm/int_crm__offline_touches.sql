{#- The CRM contract (docs/crm.md): the model of the CRM in use (var sam_crm). -#}

select * from {{ sam.crm_ref('offline_touches') }}
