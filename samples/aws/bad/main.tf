terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]
}

locals {
  name            = "${var.environment}-analytics"
  account_root    = "arn:aws:iam::${var.account_id}:root"
  platform_admins = "arn:aws:iam::${var.account_id}:role/data-platform-admin"
  export_job_role = "arn:aws:iam::${var.account_id}:role/nightly-export"
  ci_deployer     = "arn:aws:iam::${var.account_id}:role/ci-deployer"

  tags = {
    Team        = "data-platform"
    Environment = var.environment
    CostCenter  = "cc-4711"
  }
}

# ---------------------------------------------------------------------------
# Data lake key
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "analytics_key" {
  statement {
    sid       = "EnableRootAccountPermissions"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root]
    }
  }

  # TODO(jdoe): narrow down to the BI roles once we know their names.
  statement {
    sid       = "AllowAnalyticsConsumers"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["*"]
    }

    condition {
      test     = "StringLike"
      variable = "aws:PrincipalArn"
      values   = ["*"]
    }
  }

  statement {
    sid       = "AllowPlatformAdmins"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.platform_admins]
    }
  }

  statement {
    sid       = "AllowPartnerReadOnly"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::${var.partner_account_id}:root"]
    }
  }
}

resource "aws_kms_key" "analytics" {
  description             = "Data lake encryption (${local.name})"
  deletion_window_in_days = var.key_deletion_window
  enable_key_rotation     = var.enable_key_rotation
  multi_region            = true # DR copy in us-west-2, planned for Q3
  policy                  = data.aws_iam_policy_document.analytics_key.json
  tags                    = local.tags
}

resource "aws_kms_alias" "analytics" {
  name          = "alias/${local.name}-lake"
  target_key_id = aws_kms_key.analytics.key_id
}

# ---------------------------------------------------------------------------
# Partner export key, policy written inline
# ---------------------------------------------------------------------------

resource "aws_kms_key" "exports" {
  description             = "Nightly partner exports"
  deletion_window_in_days = 30
  enable_key_rotation     = true
  rotation_period_in_days = 730

  # Needed because the first apply failed with "MalformedPolicyDocument".
  bypass_policy_lockout_safety_check = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AllowExportJob"
        Effect    = "Allow"
        Principal = { AWS = local.export_job_role }
        Action    = ["kms:Encrypt", "kms:GenerateDataKey*", "kms:CreateGrant"]
        Resource  = "*"
      },
      {
        Sid       = "AllowPipelineToManageKey"
        Effect    = "Allow"
        Principal = { AWS = local.ci_deployer }
        Action = [
          "kms:Describe*",
          "kms:Put*",
          "kms:ScheduleKeyDeletion",
          "kms:CancelKeyDeletion",
        ]
        Resource = "*"
      },
    ]
  })

  tags = local.tags
}

# ---------------------------------------------------------------------------
# JWT signing key for the reporting portal
# ---------------------------------------------------------------------------

resource "aws_kms_key" "portal_jwt" {
  description              = "Reporting portal JWT signing"
  customer_master_key_spec = "RSA_2048"
  key_usage                = "SIGN_VERIFY"
  deletion_window_in_days  = 30
  enable_key_rotation      = true # org baseline says "rotation on everywhere"
}

# Legacy key kept around for the old reporting cluster; disabled until decommissioned.
resource "aws_kms_key" "legacy_reporting" {
  description = "Legacy reporting cluster (do not use)"
  is_enabled  = false
}

# Key material generated on-prem and imported (BYOK), expires at the end of the contract.
resource "aws_kms_external_key" "byok_archive" {
  description             = "Archive BYOK key"
  deletion_window_in_days = 30
  key_material_base64     = "RkFLRS1ub3QtYS1yZWFsLWtleS1tYXRlcmlhbC0wMDA="
  valid_to                = "2026-12-31T23:59:59Z"
}

# ---------------------------------------------------------------------------
# Warehouse admin password
# ---------------------------------------------------------------------------

resource "aws_secretsmanager_secret" "warehouse_admin" {
  name                    = "${local.name}/redshift/admin"
  description             = "Redshift admin password"
  recovery_window_in_days = 0 # lets us recreate it with the same name in CI
  tags                    = local.tags
}

resource "aws_secretsmanager_secret_rotation" "warehouse_admin" {
  secret_id           = aws_secretsmanager_secret.warehouse_admin.id
  rotation_lambda_arn = var.rotation_lambda_arn

  rotation_rules {
    automatically_after_days = 180
  }
}

# ---------------------------------------------------------------------------
# Readers of the exported reports
# ---------------------------------------------------------------------------

resource "aws_iam_policy" "report_readers" {
  name        = "${local.name}-report-readers"
  description = "Lets BI tools read encrypted reports"

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = "*"
      },
      {
        Effect   = "Allow"
        Action   = ["s3:GetObject"]
        Resource = "arn:aws:s3:::example-analytics-reports/*"
      },
    ]
  })
}
