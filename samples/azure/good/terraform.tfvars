# Identifiers below are placeholders, not real tenants or subscriptions.
environment                = "prod"
location                   = "westeurope"
tenant_id                  = "00000000-0000-0000-0000-000000000000"
resource_group_name        = "rg-ingest-prod-weu"
ingest_app_object_id       = "11111111-1111-1111-1111-111111111111"
log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-weu"
