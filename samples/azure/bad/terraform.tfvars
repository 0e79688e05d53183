# Placeholder identifiers only.
tenant_id                  = "00000000-0000-0000-0000-000000000000"
resource_group_name        = "rg-shared-tools"
devops_object_id           = "22222222-2222-2222-2222-222222222222"
soft_delete_days           = 7
log_analytics_workspace_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/law-ops"
