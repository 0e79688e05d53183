terraform {
  required_version = ">= 1.6"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
  }
}

provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  default_tags {
    tags = local.tags
  }
}

locals {
  name_prefix        = "${var.environment}-payments"
  account_root_arn   = "arn:aws:iam::${var.account_id}:root"
  key_admin_role_arn = "arn:aws:iam::${var.account_id}:role/${var.key_admin_role_name}"
  app_role_arn       = "arn:aws:iam::${var.account_id}:role/${var.app_role_name}"

  tags = {
    Environment = var.environment
    Service     = "payments"
    Owner       = "platform-security"
    ManagedBy   = "terraform"
  }
}

# ---------------------------------------------------------------------------
# Payments data key: symmetric, rotated, policy built with a policy document.
# ---------------------------------------------------------------------------

data "aws_iam_policy_document" "payments_key" {
  statement {
    sid       = "EnableRootAccountPermissions"
    effect    = "Allow"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.account_root_arn]
    }
  }

  # Administrators manage the key but cannot use it, and need MFA to do so.
  statement {
    sid    = "AllowKeyAdministration"
    effect = "Allow"
    actions = [
      "kms:DescribeKey",
      "kms:GetKeyPolicy",
      "kms:GetKeyRotationStatus",
      "kms:ListResourceTags",
      "kms:PutKeyPolicy",
      "kms:EnableKey",
      "kms:DisableKey",
      "kms:EnableKeyRotation",
      "kms:DisableKeyRotation",
      "kms:UpdateKeyDescription",
      "kms:TagResource",
      "kms:UntagResource",
      "kms:ScheduleKeyDeletion",
      "kms:CancelKeyDeletion",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.key_admin_role_arn]
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }
  }

  statement {
    sid    = "AllowUseOfTheKey"
    effect = "Allow"
    actions = [
      "kms:Encrypt",
      "kms:Decrypt",
      "kms:ReEncrypt*",
      "kms:GenerateDataKey*",
      "kms:DescribeKey",
    ]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.app_role_arn]
    }
  }

  # Grants only for AWS services acting on the app's behalf (EBS, RDS, ...).
  statement {
    sid       = "AllowGrantsForAwsResources"
    effect    = "Allow"
    actions   = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = [local.app_role_arn]
    }

    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}

resource "aws_kms_key" "payments" {
  description             = "Envelope encryption for ${local.name_prefix} card vault"
  deletion_window_in_days = var.key_deletion_window_days
  enable_key_rotation     = true
  rotation_period_in_days = var.key_rotation_period_days
  policy                  = data.aws_iam_policy_document.payments_key.json

  tags = {
    DataClassification = "pci"
  }
}

resource "aws_kms_alias" "payments" {
  name          = "alias/${local.name_prefix}"
  target_key_id = aws_kms_key.payments.key_id
}

# ---------------------------------------------------------------------------
# Log encryption key: policy attached separately, written with jsonencode().
# ---------------------------------------------------------------------------

resource "aws_kms_key" "logs" {
  description             = "CloudWatch Logs encryption for ${local.name_prefix}"
  deletion_window_in_days = 30
  enable_key_rotation     = true
}

resource "aws_kms_key_policy" "logs" {
  key_id = aws_kms_key.logs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Id      = "${local.name_prefix}-logs-key"
    Statement = [
      {
        Sid       = "EnableRootAccountPermissions"
        Effect    = "Allow"
        Principal = { AWS = local.account_root_arn }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "AllowCloudWatchLogs"
        Effect    = "Allow"
        Principal = { Service = "logs.${var.region}.amazonaws.com" }
        Action = [
          "kms:Encrypt*",
          "kms:Decrypt*",
          "kms:ReEncrypt*",
          "kms:GenerateDataKey*",
          "kms:Describe*",
        ]
        Resource = "*"
        Condition = {
          ArnLike = {
            "kms:EncryptionContext:aws:logs:arn" = "arn:aws:logs:${var.region}:${var.account_id}:log-group:/${local.name_prefix}/*"
          }
        }
      },
    ]
  })
}

resource "aws_cloudwatch_log_group" "api" {
  name              = "/${local.name_prefix}/api"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}

# ---------------------------------------------------------------------------
# Database credentials: customer managed key, recovery window, 30-day rotation.
# ---------------------------------------------------------------------------

resource "aws_secretsmanager_secret" "db_master" {
  name                    = "${local.name_prefix}/postgres/master"
  description             = "Master credentials for the payments Aurora cluster"
  kms_key_id              = aws_kms_key.payments.arn
  recovery_window_in_days = 30
}

resource "aws_secretsmanager_secret_rotation" "db_master" {
  secret_id           = aws_secretsmanager_secret.db_master.id
  rotation_lambda_arn = var.rotation_lambda_arn

  rotation_rules {
    automatically_after_days = 30
  }
}

# ---------------------------------------------------------------------------
# Identity policy for the service role: decrypt only this key, or any key
# but only through Secrets Manager.
# ---------------------------------------------------------------------------

resource "aws_iam_role_policy" "payments_api_kms" {
  name = "${local.name_prefix}-kms"
  role = var.app_role_name

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "UsePaymentsKey"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"]
        Resource = aws_kms_key.payments.arn
      },
      {
        Sid      = "DecryptSecretsViaSecretsManager"
        Effect   = "Allow"
        Action   = "kms:Decrypt"
        Resource = "*"
        Condition = {
          StringEquals = {
            "kms:ViaService" = "secretsmanager.${var.region}.amazonaws.com"
          }
        }
      },
    ]
  })
}
