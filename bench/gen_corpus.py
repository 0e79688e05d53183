#!/usr/bin/env python3
"""Generate a deterministic benchmark corpus of key-management configurations for keylint.

The corpus mixes the input formats keylint reads (see /work/shared/RULES.md):

  ~60 %  Terraform (.tf, plus one terraform.tfvars per directory): AWS KMS keys with
         policies (jsonencode, heredoc, aws_iam_policy_document, aws_kms_key_policy,
         file()), replica/external keys, grants, Secrets Manager, IAM policies; Azure
         vaults, keys, secrets, certificates, access policies, diagnostic settings,
         Managed HSM; Google Cloud key rings, crypto keys, IAM members/bindings/policies;
         plus some data resources that take a customer managed key.
  ~20 %  raw AWS policy JSON (key policies and identity policies)
  ~15 %  ARM templates (Microsoft.KeyVault vaults, keys, secrets, managedHSMs)
   ~5 %  files keylint must skip (Markdown, a .tf with only null_resource/terraform_data,
         JSON application settings)

Each .tf file holds ~8 resource/data blocks on average, a mix of good and bad settings.
Files are spread over --dirs leaf directories (default 100), each of which is one
Terraform module: names of variables, locals and resources carry a per-file suffix so
that the files of a directory never collide.

Output is a pure function of (--seed, --files, --dirs): no clock, no hash(), no set
iteration. Only the Python 3 standard library is used. The number of files written is
stored in OUT/.count (a hidden file, written last: its presence marks a complete corpus).

Usage: gen_corpus.py [--files N] [--seed S] [--dirs D] [--out DIR] [--force]
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import random
import re
import sys

# ---------------------------------------------------------------------------
# Vocabulary
# ---------------------------------------------------------------------------

AREAS = ["payments", "identity", "data-platform", "retail", "shared-services"]
TEAMS = ["core", "api", "batch", "analytics"]
ENVS = ["dev", "test", "staging", "prod", "dr"]
SERVICES = [
    "orders", "billing", "ledger", "search", "reports", "events", "audit", "profiles",
    "invoices", "media", "tokens", "sessions", "payouts", "catalog", "inventory",
    "shipping", "ml-features", "warehouse", "backups", "exports", "notifications",
    "fraud", "loyalty", "pricing",
]
# AWS documentation example account ids only.
ACCOUNTS = ["111122223333", "123456789012", "210987654321", "777788889999"]
PARTNER_ACCOUNTS = ["444455556666", "999988887777", "555566667777"]
AWS_REGIONS = ["us-east-1", "us-west-2", "eu-west-1", "eu-central-1", "ap-southeast-2"]
AZ_LOCATIONS = ["westeurope", "northeurope", "eastus2", "uksouth", "swedencentral"]
GCP_REGIONS = ["europe-west1", "us-central1", "us-east4", "asia-northeast1", "global"]

FAKE_SECRET = "FAKE-not-a-real-secret"
FAKE_KEY_MATERIAL = base64.b64encode(b"FAKE-not-a-real-key-material-000").decode()

KMS_USE_ACTIONS = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"]
KMS_ADMIN_ACTIONS = [
    "kms:DescribeKey", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus", "kms:ListResourceTags",
    "kms:PutKeyPolicy", "kms:EnableKey", "kms:DisableKey", "kms:EnableKeyRotation",
    "kms:DisableKeyRotation", "kms:UpdateKeyDescription", "kms:TagResource",
    "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
]
KMS_CONSOLE_ADMIN_ACTIONS = [
    "kms:Create*", "kms:Describe*", "kms:Enable*", "kms:List*", "kms:Put*", "kms:Update*",
    "kms:Revoke*", "kms:Disable*", "kms:Get*", "kms:Delete*", "kms:TagResource",
    "kms:UntagResource", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion",
]
KMS_TYPOS = ["kms:DescribeKeys", "kms:Decrypts", "kms:GenerateDataKeys", "kms:ListKey", "kms:GetKeyRotation"]
AWS_SERVICES = ["logs", "s3", "sns", "sqs", "cloudtrail", "secretsmanager", "rds", "ec2"]

# ---------------------------------------------------------------------------
# HCL rendering
# ---------------------------------------------------------------------------

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class Raw(str):
    """An HCL expression emitted as-is (references, function calls, heredocs)."""


def hstr(s: str) -> str:
    # `${...}` is kept on purpose: generated strings use it for interpolation.
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def hkey(k: str) -> str:
    return k if _IDENT.match(k) else hstr(k)


def _scalar(v) -> bool:
    return not isinstance(v, (list, dict)) and "\n" not in str(v)


def hval(v, ind: int) -> str:
    if isinstance(v, Raw):
        return str(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if v is None:
        return "null"
    if isinstance(v, str):
        return hstr(v)
    if isinstance(v, list):
        if not v:
            return "[]"
        if all(_scalar(x) for x in v):
            inline = "[" + ", ".join(hval(x, ind) for x in v) + "]"
            if ind + len(inline) < 100:
                return inline
        pad = " " * (ind + 2)
        return "[\n" + "".join(f"{pad}{hval(x, ind + 2)},\n" for x in v) + " " * ind + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        if len(v) == 1:
            (k, x), = v.items()
            if _scalar(x) and not isinstance(x, (list, dict)):
                inline = "{ " + hkey(k) + " = " + hval(x, ind) + " }"
                if ind + len(inline) < 100:
                    return inline
        items = [("attr", hkey(k), hval(x, ind + 2)) for k, x in v.items()]
        return "{\n" + "\n".join(_render_items(items, ind + 2)) + "\n" + " " * ind + "}"
    raise TypeError(type(v))


def A(key, value):
    return ("attr", key, value)


def B(btype, *labels_and_body):
    *labels, body = labels_and_body
    return ("block", btype, list(labels), body)


def C(text):
    return ("comment", text)


def _render_items(items, ind):
    """Items are ("attr", key, rendered) or ("comment", text) or ("block", ...)."""
    out = []
    group = []

    def flush():
        if not group:
            return
        width = max(len(k) for k, _ in group)
        for k, v in group:
            out.append(" " * ind + k.ljust(width) + " = " + v)
        group.clear()

    for it in items:
        if it[0] == "attr":
            _, k, v = it
            if "\n" in v and not v.startswith("<<"):
                flush()
                out.append(" " * ind + k + " = " + v)
            else:
                group.append((k, v))
        else:
            flush()
            out.extend(it[1])
    flush()
    return out


def render_block(b, ind=0) -> list[str]:
    _, btype, labels, body = b
    head = " " * ind + btype + "".join(" " + hstr(label) for label in labels)
    # attributes first, then nested blocks, `lifecycle` last (terraform style)
    body = [it for it in body if it[0] != "block"] + \
        [it for it in body if it[0] == "block" and it[1] != "lifecycle"] + \
        [it for it in body if it[0] == "block" and it[1] == "lifecycle"]
    if not body:
        return [head + " {}"]
    items = []
    prev = None
    for it in body:
        kind = it[0]
        # a blank line after a nested block, and before one unless a comment introduces it
        if prev == "block" or (kind == "block" and prev == "attr"):
            items.append(("raw", [""]))
        if kind == "attr":
            items.append(("attr", it[1], hval(it[2], ind + 2)))
        elif kind == "comment":
            items.append(("raw", [" " * (ind + 2) + it[1]]))
        else:
            items.append(("raw", render_block(it, ind + 2)))
        prev = kind
    return [head + " {"] + _render_items(items, ind + 2) + [" " * ind + "}"]


def render_file(top) -> str:
    """top: list of blocks and comments (comments stick to the next block)."""
    chunks = []
    pending = []
    for it in top:
        if it[0] == "comment":
            pending.append(it[1])
            continue
        chunks.append("\n".join(pending + render_block(it)))
        pending = []
    if pending:
        chunks.append("\n".join(pending))
    return "\n\n".join(chunks) + "\n"


def heredoc(doc: dict, marker="POLICY") -> Raw:
    return Raw(f"<<{marker}\n" + json.dumps(doc, indent=2) + f"\n{marker}")


# ---------------------------------------------------------------------------
# Per-file context
# ---------------------------------------------------------------------------


class DirState:
    def __init__(self, path: str, cloud: str):
        self.path = path
        self.cloud = cloud
        self.tfvars: list[tuple[str, object]] = []
        self.json_key_policies: list[str] = []  # paths relative to the module dir
        self.has_readme = False


class FileCtx:
    def __init__(self, rng: random.Random, idx: int, d: DirState):
        self.rng = rng
        self.idx = idx
        self.dir = d
        self.sfx = f"{idx:05d}"
        self.svc = rng.choice(SERVICES)
        self.env = rng.choice(ENVS)
        self.n_res = 0
        self.vars: list = []
        self.local_vals: dict = {}
        self.names: dict[str, int] = {}
        self.var_names: dict[str, int] = {}

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def name(self, base: str) -> str:
        """A resource label unique in the module."""
        base = base.replace("-", "_")
        n = self.names.get(base, 0)
        self.names[base] = n + 1
        return f"{base}_{self.sfx}" + (f"_{n}" if n else "")

    def _unique(self, base: str) -> str:
        n = self.var_names.get(base, 0)
        self.var_names[base] = n + 1
        return f"{base}_{self.sfx}" + (f"_{n}" if n else "")

    def var(self, base: str, vtype: str, default, tfvars=None, desc=None) -> Raw:
        """Declare a variable. Its value comes from the default, from the directory's
        terraform.tfvars (overriding the default), or from nowhere (unknown) when both
        are None."""
        name = self._unique(base)
        body = []
        if desc:
            body.append(A("description", desc))
        body.append(A("type", Raw(vtype)))
        if tfvars is not None and (default is None or self.chance(0.5)):
            self.dir.tfvars.append((name, tfvars))
            if default is not None and self.chance(0.5):
                body.append(A("default", default))
        elif default is not None:
            body.append(A("default", default))
        self.vars.append(B("variable", name, body))
        return Raw(f"var.{name}")

    def local(self, base: str, value) -> Raw:
        name = self._unique(base)
        self.local_vals[name] = value
        return Raw(f"local.{name}")

    def res(self, rtype: str, name: str, body, comment=None):
        self.n_res += 1
        blocks = []
        if comment:
            blocks.append(C(comment))
        blocks.append(B("resource", rtype, name, body))
        return blocks

    def data(self, dtype: str, name: str, body):
        self.n_res += 1
        return [B("data", dtype, name, body)]

    def finish(self, header_blocks, blocks) -> str:
        top = list(header_blocks) + list(self.vars)
        if self.local_vals:
            top.append(B("locals", [A(k, v) for k, v in self.local_vals.items()]))
        top.extend(blocks)
        return render_file(top)


def dash(label: str) -> str:
    """Cloud-side name derived from the (unique) Terraform label."""
    return label.replace("_", "-")


def suppression(fx: FileCtx, rule: str):
    """Occasionally an inline suppression, sometimes (wrongly) without a reason."""
    if not fx.chance(0.04):
        return None
    if fx.chance(0.2):
        return f"# keylint:ignore {rule}"
    return f"# keylint:ignore {rule} -- accepted risk, see SEC-{fx.rng.randint(100, 9999)}"


# ---------------------------------------------------------------------------
# AWS policy model
# ---------------------------------------------------------------------------


def stmt(sid, actions, principal=None, resource="*", cond=None, effect="Allow",
         not_action=False, not_principal=False):
    return {"sid": sid, "effect": effect, "principal": principal, "actions": actions,
            "resource": resource, "cond": cond or {}, "not_action": not_action,
            "not_principal": not_principal}


def stmt_json(s, rng):
    out = {}
    if s["sid"]:
        out["Sid"] = s["sid"]
    out["Effect"] = s["effect"]
    if s["principal"] is not None:
        out["NotPrincipal" if s["not_principal"] else "Principal"] = s["principal"]
    acts = s["actions"]
    out["NotAction" if s["not_action"] else "Action"] = acts[0] if len(acts) == 1 and rng.random() < 0.6 else acts
    out["Resource"] = s["resource"]
    if s["cond"]:
        out["Condition"] = s["cond"]
    return out


def policy_json(stmts, rng, version=True):
    doc = {}
    if version:
        doc["Version"] = "2012-10-17" if rng.random() > 0.01 else "2012-10-18"
    body = [stmt_json(s, rng) for s in stmts]
    doc["Statement"] = body[0] if len(body) == 1 and rng.random() < 0.3 else body
    return doc


def principal_blocks(p, negated):
    name = "not_principals" if negated else "principals"
    if p == "*":
        return [B(name, [A("type", "*"), A("identifiers", ["*"])])]
    out = []
    for ptype, ids in p.items():
        ids = ids if isinstance(ids, list) else [ids]
        out.append(B(name, [A("type", ptype), A("identifiers", ids)]))
    return out


def stmt_doc_block(s, rng):
    body = []
    if s["sid"]:
        body.append(A("sid", s["sid"]))
    if s["effect"] != "Allow" or rng.random() < 0.5:
        body.append(A("effect", s["effect"]))
    body.append(A("not_actions" if s["not_action"] else "actions", s["actions"]))
    res = s["resource"]
    body.append(A("resources", res if isinstance(res, list) else [res]))
    if s["principal"] is not None:
        body.extend(principal_blocks(s["principal"], s["not_principal"]))
    for op, kv in s["cond"].items():
        for k, v in kv.items():
            body.append(B("condition", [A("test", op), A("variable", k),
                                        A("values", v if isinstance(v, list) else [v])]))
    return B("statement", body)


class Acct:
    """How account ids and regions are written: literal (JSON) or interpolated (Terraform)."""

    def __init__(self, own: str, region: str, partner: str):
        self.own = own
        self.region = region
        self.partner = partner

    def root(self):
        return f"arn:aws:iam::{self.own}:root"

    def role(self, name):
        return f"arn:aws:iam::{self.own}:role/{name}"


def key_policy_statements(fx: FileCtx, acct: Acct, bad_rate: float):
    """A realistic key policy: root, admins, users, grants, services; some mistakes."""
    rng = fx.rng
    svc = fx.svc
    out = []
    if rng.random() > bad_rate * 0.3:
        out.append(stmt(rng.choice(["EnableRootAccountPermissions", "Enable IAM User Permissions"]),
                        ["kms:*"], {"AWS": acct.root() if rng.random() < 0.8 else acct.own}))
    # administrators
    if rng.random() < 0.75:
        if rng.random() < bad_rate:
            out.append(stmt("Allow access for Key Administrators", list(KMS_CONSOLE_ADMIN_ACTIONS),
                            {"AWS": acct.role(rng.choice(["Admin", "platform-admin", "kms-admins"]))}))
        else:
            out.append(stmt("AllowKeyAdministration", list(KMS_ADMIN_ACTIONS),
                            {"AWS": acct.role("kms-key-admins")},
                            cond={"Bool": {"aws:MultiFactorAuthPresent": "true"}}))
    # key users
    users = [acct.role(f"{svc}-{rng.choice(['api', 'worker', 'task', 'lambda'])}")]
    if rng.random() < 0.3:
        users.append(acct.role(f"{svc}-batch"))
    out.append(stmt("AllowUseOfTheKey", list(KMS_USE_ACTIONS),
                    {"AWS": users if len(users) > 1 or rng.random() < 0.5 else users[0]}))
    # grants
    if rng.random() < 0.5:
        cond = {"Bool": {"kms:GrantIsForAWSResource": "true"}} if rng.random() > bad_rate else {}
        out.append(stmt("AllowAttachmentOfPersistentResources",
                        ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"], {"AWS": users[0]}, cond=cond))
    # service principal
    if rng.random() < 0.35:
        service = rng.choice(AWS_SERVICES)
        out.append(stmt(f"Allow{service.capitalize()}Service",
                        ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"],
                        {"Service": f"{service}.amazonaws.com"},
                        cond={"StringEquals": {"aws:SourceAccount": acct.own}}))
    # all principals of the account through a service (AWS managed key pattern)
    if rng.random() < 0.25:
        via = "*" if rng.random() < bad_rate * 0.5 else f"{rng.choice(['ec2', 's3', 'rds'])}.{acct.region}.amazonaws.com"
        out.append(stmt("AllowAccessThroughServiceForAccountPrincipals",
                        ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"],
                        {"AWS": "*"}, cond={"StringEquals": {"kms:CallerAccount": acct.own, "kms:ViaService": via}}))
    # deny guardrail
    if rng.random() < 0.15:
        out.append(stmt("DenyDeletionOutsideBreakGlass", ["kms:ScheduleKeyDeletion", "kms:DisableKey"], "*",
                        effect="Deny",
                        cond={"StringNotLike": {"aws:PrincipalArn": acct.role("break-glass-*")}}))
    # mistakes
    if rng.random() < bad_rate:
        kind = rng.randrange(7)
        if kind == 0:
            principal = rng.choice(["*", {"AWS": "*"}, {"AWS": ["*"]}, {"AWS": "arn:aws:iam::*:root"}])
            action = rng.choice([["kms:Decrypt"], ["kms:De*"], ["KMS:DECRYPT", "kms:DescribeKey"], ["kms:*"],
                                 ["kms:ReEncrypt*", "kms:GenerateDataKey"]])
            cond = rng.choice([{}, {}, {"StringLike": {"aws:PrincipalArn": "*"}},
                               {"StringNotEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}},
                               {"StringEquals": {"aws:PrincipalOrgID": "o-a1b2c3d4e5"}}])
            out.append(stmt("AllowOrgConsumers", action, principal, cond=cond))
        elif kind == 1:
            out.append(stmt("AllowPlatformAdmins", ["kms:*"], {"AWS": acct.role("platform-admin")}))
        elif kind == 2:
            out.append(stmt("OpsBreakGlass", ["kms:ScheduleKeyDeletion", "kms:PutKeyPolicy"],
                            {"AWS": acct.role("ops-break-glass")}, not_action=True))
        elif kind == 3:
            out.append(stmt("AllowPartnerRead", ["kms:Decrypt", "kms:DescribeKey"],
                            {"AWS": f"arn:aws:iam::{acct.partner}:root"}))
        elif kind == 4:
            out.append(stmt("AllowReportingTool", [rng.choice(KMS_TYPOS), "kms:Decrypt"],
                            {"AWS": acct.role("reporting")}))
        elif kind == 5:
            out.append(stmt("AllowEveryoneButAuditors", ["kms:Decrypt"], {"AWS": acct.role("auditor")},
                            not_principal=True))
        else:
            out.append(stmt("AllowDeployPipeline", ["kms:ScheduleKeyDeletion", "kms:Decrypt", "kms:PutKeyPolicy"],
                            {"AWS": acct.role("ci-deployer")}))
    return out


def identity_policy_statements(fx: FileCtx, acct: Acct, key_arn, bad_rate: float):
    rng = fx.rng
    out = []
    if key_arn is not None or rng.random() < 0.5:
        arn = key_arn if key_arn is not None else \
            f"arn:aws:kms:{acct.region}:{acct.own}:key/{rng.getrandbits(32):08x}-12ab-34cd-56ef-1234567890ab"
        out.append(stmt("UseServiceKey", ["kms:Decrypt", "kms:GenerateDataKey", "kms:DescribeKey"], resource=arn))
    if rng.random() < 0.4:
        svc = rng.choice(["secretsmanager", "s3", "ssm", "dynamodb"])
        out.append(stmt("DecryptViaService", ["kms:Decrypt"],
                        cond={"StringEquals": {"kms:ViaService": f"{svc}.{acct.region}.amazonaws.com"}}))
    if rng.random() < 0.2:
        out.append(stmt("DecryptByAlias", ["kms:Decrypt", "kms:Encrypt"],
                        cond={"ForAnyValue:StringLike": {"kms:ResourceAliases": f"alias/{fx.svc}-*"}}))
    if rng.random() < 0.5:
        out.append(stmt("ListKeys", ["kms:ListAliases", "kms:ListKeys"]))
    if rng.random() < 0.5:
        bucket = f"example-{fx.svc}-{fx.env}"
        out.append(stmt("BucketAccess", ["s3:GetObject", "s3:PutObject"], resource=f"arn:aws:s3:::{bucket}/*"))
    if rng.random() < bad_rate:
        kind = rng.randrange(4)
        if kind == 0:
            out.append(stmt("DecryptEverything", ["kms:Decrypt", "kms:GenerateDataKey"]))
        elif kind == 1:
            out.append(stmt("KmsFullAccess", ["kms:*"]))
        elif kind == 2:
            out.append(stmt("DescribeKeys", [rng.choice(KMS_TYPOS)]))
        else:
            out.append(stmt("DecryptAnyViaAnyService", ["kms:Decrypt"],
                            cond={"StringLike": {"kms:ViaService": "*"}}))
    if not out:
        out.append(stmt("ListKeys", ["kms:ListAliases"]))
    return out


# ---------------------------------------------------------------------------
# AWS Terraform
# ---------------------------------------------------------------------------

BAD = 0.22  # probability that a given setting is wrong


def aws_header(fx):
    return [B("terraform", [B("required_providers", [A("aws", {"source": "hashicorp/aws", "version": "~> 5.70"})])])] \
        if fx.chance(0.15) else []


def aws_acct_tf(fx):
    own = fx.rng.choice(ACCOUNTS)
    if fx.chance(0.1):
        # resolved at plan time only: everything built from it is unknown
        fx.vars.append(B("data", "aws_caller_identity", f"current_{fx.sfx}", []))
        fx.n_res += 1
        acct_expr = f"${{data.aws_caller_identity.current_{fx.sfx}.account_id}}"
    else:
        v = fx.var("account_id", "string", own, tfvars=own, desc="AWS account that owns the keys")
        acct_expr = "${" + v + "}"
    region = fx.var("region", "string", fx.rng.choice(AWS_REGIONS))
    partner = fx.rng.choice(PARTNER_ACCOUNTS)
    return Acct(acct_expr, "${" + region + "}", partner), own


def kms_key_body(fx, desc, policy=None, symmetric=True):
    rng = fx.rng
    body = [A("description", desc)]
    r = rng.random()
    if r < 0.3:
        pass
    elif r < 0.55:
        body.append(A("deletion_window_in_days", 30))
    elif r < 0.75:
        bad = rng.random() < BAD
        body.append(A("deletion_window_in_days",
                      fx.var("deletion_window_days", "number", 30, tfvars=7 if bad else 30)))
    else:
        body.append(A("deletion_window_in_days", rng.choice([7, 10, 14, 30, 30])))
    if symmetric:
        r = rng.random()
        if r < 0.6:
            body.append(A("enable_key_rotation", True))
            if rng.random() < 0.4:
                body.append(A("rotation_period_in_days", rng.choice([90, 180, 365, 365, 730])))
        elif r < 0.8:
            body.append(A("enable_key_rotation",
                          fx.var("enable_rotation", "bool", True, tfvars=rng.random() > BAD)))
        elif r < 0.9:
            body.append(A("enable_key_rotation", False))
    if fx.chance(0.06):
        body.append(A("multi_region", True))
    if fx.chance(0.03):
        body.append(A("is_enabled", False))
    if fx.chance(0.03):
        body.append(A("bypass_policy_lockout_safety_check", True))
    if policy is not None:
        body.append(A("policy", policy))
    r = rng.random()
    if r < 0.35:
        body.append(A("tags", {"Service": fx.svc, "Environment": fx.env, "Owner": f"team-{fx.svc}"}))
    elif r < 0.7:
        body.append(A("tags", Raw(f"local.tags_{fx.sfx}")))
    return body


def comp_aws_key_doc(fx, acct):
    name = fx.name(f"{fx.svc}_key")
    stmts = key_policy_statements(fx, acct, BAD)
    blocks = fx.data("aws_iam_policy_document", name, [stmt_doc_block(s, fx.rng) for s in stmts])
    blocks += fx.res("aws_kms_key", name,
                     kms_key_body(fx, f"{fx.svc} data key", Raw(f"data.aws_iam_policy_document.{name}.json")),
                     comment=suppression(fx, "aws-kms-rotation-disabled"))
    if fx.chance(0.5):
        blocks += fx.res("aws_kms_alias", name, [A("name", f"alias/{fx.env}-{dash(name)}"),
                                                 A("target_key_id", Raw(f"aws_kms_key.{name}.key_id"))])
    return blocks


def comp_aws_key_inline(fx, acct):
    name = fx.name(f"{fx.svc}_inline")
    doc = policy_json(key_policy_statements(fx, acct, BAD), fx.rng)
    policy = heredoc(doc) if fx.chance(0.2) else Raw("jsonencode(" + hval(doc, 2) + ")")
    return fx.res("aws_kms_key", name, kms_key_body(fx, f"{fx.svc} {fx.env} encryption", policy))


def comp_aws_key_policy_res(fx, acct):
    name = fx.name(f"{fx.svc}_cmk")
    blocks = fx.res("aws_kms_key", name, kms_key_body(fx, f"{fx.svc} customer managed key"))
    doc = policy_json(key_policy_statements(fx, acct, BAD), fx.rng)
    blocks += fx.res("aws_kms_key_policy", name, [A("key_id", Raw(f"aws_kms_key.{name}.id")),
                                                  A("policy", Raw("jsonencode(" + hval(doc, 2) + ")"))])
    return blocks


def comp_aws_key_file(fx, acct):
    if not fx.dir.json_key_policies:
        return comp_aws_key_policy_res(fx, acct)
    rel = fx.rng.choice(fx.dir.json_key_policies)
    name = fx.name(f"{fx.svc}_filepolicy")
    return fx.res("aws_kms_key", name,
                  kms_key_body(fx, f"{fx.svc} key (policy kept as JSON)", Raw(f'file("${{path.module}}/{rel}")')))


def comp_aws_asym(fx, acct):
    spec, usage = fx.rng.choice([("RSA_2048", "SIGN_VERIFY"), ("RSA_3072", "ENCRYPT_DECRYPT"),
                                 ("RSA_4096", "SIGN_VERIFY"), ("ECC_NIST_P256", "SIGN_VERIFY"),
                                 ("ECC_NIST_P384", "SIGN_VERIFY"), ("HMAC_256", "GENERATE_VERIFY_MAC"),
                                 ("HMAC_512", "GENERATE_VERIFY_MAC"), ("ECC_SECG_P256K1", "SIGN_VERIFY")])
    name = fx.name(f"{fx.svc}_{spec.lower()}")
    body = [A("description", f"{fx.svc} {usage.lower()} key"), A("customer_master_key_spec", spec),
            A("key_usage", usage), A("deletion_window_in_days", 30)]
    if fx.chance(BAD):
        body.append(A("enable_key_rotation", True))
    return fx.res("aws_kms_key", name, body)


def comp_aws_replica(fx, acct):
    name = fx.name(f"{fx.svc}_replica")
    primary = fx.var("primary_key_arn", "string", None,
                     tfvars=f"arn:aws:kms:us-east-1:{fx.rng.choice(ACCOUNTS)}:key/mrk-1234abcd12ab34cd56ef1234567890ab")
    body = [A("description", f"{fx.svc} DR replica"), A("primary_key_arn", primary),
            A("deletion_window_in_days", fx.rng.choice([7, 30, 30, 30]))]
    if fx.chance(0.5):
        body.append(A("policy", Raw("jsonencode(" + hval(policy_json(key_policy_statements(fx, acct, BAD), fx.rng), 2) + ")")))
    return fx.res("aws_kms_replica_key", name, body)


def comp_aws_external(fx, acct):
    name = fx.name(f"{fx.svc}_byok")
    body = [A("description", f"{fx.svc} imported key"), A("deletion_window_in_days", 30)]
    if fx.chance(0.5):
        body.append(A("key_material_base64", FAKE_KEY_MATERIAL))
        if fx.chance(0.5):
            body.append(A("valid_to", "2026-12-31T23:59:59Z"))
    else:
        body.append(A("key_material_base64", fx.var("byok_material", "string", None, tfvars=FAKE_KEY_MATERIAL)))
    if fx.chance(0.1):
        body.append(A("enabled", False))
    return fx.res("aws_kms_external_key", name, body)


def comp_aws_grant(fx, acct):
    name = fx.name(f"{fx.svc}_grant")
    ops = fx.rng.choice([["Encrypt", "Decrypt", "GenerateDataKey"], ["Decrypt"],
                         ["Decrypt", "CreateGrant", "RetireGrant"]])
    body = [A("name", f"{fx.svc}-{fx.env}"), A("key_id", Raw(f"aws_kms_key.{fx.svc.replace('-', '_')}_key_{fx.sfx}.key_id")
                                              if fx.names.get(f"{fx.svc.replace('-', '_')}_key") else
                                              fx.var("grant_key_id", "string", "1234abcd-12ab-34cd-56ef-1234567890ab")),
            A("grantee_principal", f"arn:aws:iam::{acct.own}:role/{fx.svc}-worker"), A("operations", ops)]
    if fx.chance(0.5):
        body.append(B("constraints", [A("encryption_context_equals", {"Department": fx.svc})]))
    return fx.res("aws_kms_grant", name, body)


def comp_aws_secret(fx, acct):
    name = fx.name(f"{fx.svc}_secret")
    body = [A("name", f"{fx.env}/{fx.svc}/{fx.rng.choice(['db', 'api-key', 'oauth', 'smtp'])}/{dash(name)}"),
            A("description", f"{fx.svc} credentials")]
    keys = [k for k in fx.names if k.endswith("_key") or k.endswith("_cmk")]
    if keys and fx.chance(0.75):
        body.append(A("kms_key_id", Raw(f"aws_kms_key.{keys[0]}_{fx.sfx}.arn")))
    elif fx.chance(0.4):
        body.append(A("kms_key_id", f"alias/{fx.svc}-secrets"))
    r = fx.rng.random()
    if r < BAD * 0.5:
        body.append(A("recovery_window_in_days", 0))
    elif r < 0.6:
        body.append(A("recovery_window_in_days", fx.rng.choice([7, 14, 30])))
    blocks = fx.res("aws_secretsmanager_secret", name, body,
                    comment=suppression(fx, "aws-secretsmanager-default-key"))
    if fx.chance(0.7):
        rot = [A("secret_id", Raw(f"aws_secretsmanager_secret.{name}.id")),
               A("rotation_lambda_arn", f"arn:aws:lambda:us-east-1:{fx.rng.choice(ACCOUNTS)}:function:rotate-{fx.svc}")]
        r = fx.rng.random()
        if r < 0.6:
            rot.append(B("rotation_rules", [A("automatically_after_days", fx.rng.choice([7, 30, 30, 60, 90, 180, 365]))]))
        elif r < 0.9:
            rot.append(B("rotation_rules", [A("schedule_expression", fx.rng.choice(["rate(30 days)", "rate(4 hours)", "cron(0 3 1 * ? *)"]))]))
        blocks += fx.res("aws_secretsmanager_secret_rotation", name, rot)
    return blocks


def comp_aws_iam(fx, acct):
    keys = [k for k in fx.names if k.endswith("_key") or k.endswith("_cmk") or k.endswith("_inline")]
    key_arn = Raw(f"aws_kms_key.{keys[0]}_{fx.sfx}.arn") if keys and fx.chance(0.6) else None
    stmts = identity_policy_statements(fx, acct, key_arn, BAD)
    rtype = fx.rng.choice(["aws_iam_policy", "aws_iam_role_policy", "aws_iam_role_policy",
                           "aws_iam_user_policy", "aws_iam_group_policy"])
    name = fx.name(f"{fx.svc}_kms_access")
    blocks = []
    if fx.chance(0.35):
        blocks += fx.data("aws_iam_policy_document", name, [stmt_doc_block(s, fx.rng) for s in stmts])
        policy = Raw(f"data.aws_iam_policy_document.{name}.json")
    else:
        policy = Raw("jsonencode(" + hval(policy_json(stmts, fx.rng), 2) + ")")
    body = [A("name", f"{fx.env}-{fx.svc}-kms")]
    if rtype == "aws_iam_role_policy":
        body.append(A("role", f"{fx.svc}-task"))
    elif rtype == "aws_iam_user_policy":
        body.append(A("user", f"{fx.svc}-deployer"))
    elif rtype == "aws_iam_group_policy":
        body.append(A("group", f"{fx.svc}-operators"))
    else:
        body.append(A("description", f"KMS access for {fx.svc}"))
    body.append(A("policy", policy))
    return blocks + fx.res(rtype, name, body)


def comp_aws_cmk_consumer(fx, acct):
    keys = [k for k in fx.names if k.endswith("_key") or k.endswith("_cmk") or k.endswith("_inline")]
    key = Raw(f"aws_kms_key.{keys[0]}_{fx.sfx}.arn") if keys else None
    kind = fx.rng.randrange(5)
    name = fx.name(fx.svc)
    use = key is not None and fx.rng.random() > BAD
    if kind == 0:
        body = [A("name", f"/{fx.env}/{fx.svc}/{dash(name)}"), A("retention_in_days", 90)]
        if use:
            body.append(A("kms_key_id", key))
        return fx.res("aws_cloudwatch_log_group", name, body)
    if kind == 1:
        body = [A("name", f"{fx.env}-{dash(name)}")]
        body.append(A("kms_master_key_id", key) if use else A("sqs_managed_sse_enabled", True))
        return fx.res("aws_sqs_queue", name, body)
    if kind == 2:
        body = [A("name", f"{fx.env}-{dash(name)}-events")]
        body.append(A("kms_master_key_id", key if use else "alias/aws/sns"))
        return fx.res("aws_sns_topic", name, body)
    if kind == 3:
        body = [A("availability_zone", "eu-west-1a"), A("size", 100), A("encrypted", True)]
        if use:
            body.append(A("kms_key_id", key))
        return fx.res("aws_ebs_volume", name, body)
    body = [A("name", f"{fx.env}-{dash(name)}"), A("billing_mode", "PAY_PER_REQUEST"), A("hash_key", "id"),
            B("attribute", [A("name", "id"), A("type", "S")])]
    sse = [A("enabled", True)]
    if use:
        sse.append(A("kms_key_arn", key))
    body.append(B("server_side_encryption", sse))
    return fx.res("aws_dynamodb_table", name, body)


def comp_aws_custom_store(fx, acct):
    name = fx.name(f"{fx.svc}_hsm")
    blocks = fx.res("aws_kms_custom_key_store", name, [
        A("custom_key_store_name", dash(name)),
        A("cloud_hsm_cluster_id", fx.var("cloudhsm_cluster_id", "string", "cluster-1a23b4cdefg")),
        A("key_store_password", fx.var("cloudhsm_kmsuser_password", "string", None, tfvars=FAKE_SECRET)),
        A("trust_anchor_certificate", fx.var("cloudhsm_trust_anchor_pem", "string", None)),
    ])
    body = [A("description", f"{fx.svc} key in CloudHSM"), A("custom_key_store_id", Raw(f"aws_kms_custom_key_store.{name}.id")),
            A("deletion_window_in_days", 30)]
    if fx.chance(BAD):
        body.append(A("enable_key_rotation", True))
    return blocks + fx.res("aws_kms_key", name, body)


AWS_COMPONENTS = [
    (comp_aws_key_doc, 14), (comp_aws_key_inline, 12), (comp_aws_key_policy_res, 8), (comp_aws_key_file, 4),
    (comp_aws_asym, 6), (comp_aws_replica, 3), (comp_aws_external, 3), (comp_aws_grant, 4),
    (comp_aws_secret, 12), (comp_aws_iam, 12), (comp_aws_cmk_consumer, 10), (comp_aws_custom_store, 1),
]


def weighted(rng, table):
    total = sum(w for _, w in table)
    x = rng.random() * total
    for item, w in table:
        x -= w
        if x < 0:
            return item
    return table[-1][0]


def gen_aws_tf(fx: FileCtx, target: int) -> str:
    acct, _ = aws_acct_tf(fx)
    fx.local("tags", {"Service": fx.svc, "Environment": fx.env, "ManagedBy": "terraform"})
    blocks = []
    while fx.n_res < target:
        blocks += weighted(fx.rng, AWS_COMPONENTS)(fx, acct)
    return fx.finish(aws_header(fx), blocks)


# ---------------------------------------------------------------------------
# Azure Terraform
# ---------------------------------------------------------------------------

KEY_PERMS = ["Backup", "Create", "Decrypt", "Delete", "Encrypt", "Get", "Import", "List", "Purge", "Recover",
             "Restore", "Sign", "UnwrapKey", "Update", "Verify", "WrapKey", "Release", "Rotate",
             "GetRotationPolicy", "SetRotationPolicy"]
SECRET_PERMS = ["Backup", "Delete", "Get", "List", "Purge", "Recover", "Restore", "Set"]
CERT_PERMS = ["Backup", "Create", "Delete", "DeleteIssuers", "Get", "GetIssuers", "Import", "List",
              "ListIssuers", "ManageContacts", "ManageIssuers", "Purge", "Recover", "Restore", "SetIssuers", "Update"]


def az_vault(fx, name, v3):
    rng = fx.rng
    body = [A("name", dash(name)), A("location", Raw(f"var.location_{fx.sfx}")),
            A("resource_group_name", Raw(f"var.resource_group_name_{fx.sfx}")),
            A("tenant_id", Raw(f"var.tenant_id_{fx.sfx}")),
            A("sku_name", "premium" if rng.random() < 0.55 else "standard")]
    r = rng.random()
    if r < 0.6:
        body.append(A("purge_protection_enabled", True))
    elif r < 0.8:
        body.append(A("purge_protection_enabled", False))
    r = rng.random()
    if r < 0.4:
        body.append(A("soft_delete_retention_days", 90))
    elif r < 0.6:
        body.append(A("soft_delete_retention_days",
                      fx.var("soft_delete_days", "number", 90, tfvars=rng.choice([7, 30, 90, 90]))))
    elif r < 0.7:
        body.append(A("soft_delete_retention_days", rng.choice([7, 14, 30])))
    if v3 and fx.chance(0.02):
        body.append(A("soft_delete_enabled", False))
    rbac = rng.random() < 0.6
    body.append(A("enable_rbac_authorization" if v3 else "rbac_authorization_enabled", rbac))
    if rng.random() < 0.4:
        body.append(A("public_network_access_enabled", False))
    if rng.random() < 0.7:
        acls = [A("default_action", "Deny" if rng.random() > BAD else "Allow"), A("bypass", "AzureServices")]
        if rng.random() < 0.5:
            acls.append(A("ip_rules", ["203.0.113.0/28", "198.51.100.7/32"]))
        body.append(B("network_acls", acls))
    if not rbac and rng.random() < 0.3:
        body.append(B("access_policy", [A("tenant_id", Raw(f"var.tenant_id_{fx.sfx}")),
                                        A("object_id", "44444444-4444-4444-4444-444444444444"),
                                        A("key_permissions", ["Get", "List", "WrapKey", "UnwrapKey"]),
                                        A("secret_permissions", ["Get", "List"])]))
    body.append(A("tags", Raw(f"local.tags_{fx.sfx}")))
    return fx.res("azurerm_key_vault", name, body, comment=suppression(fx, "azure-keyvault-public-network-access")), rbac


def az_key(fx, vault):
    rng = fx.rng
    kt = rng.choice(["RSA", "RSA-HSM", "RSA-HSM", "EC", "EC-HSM"])
    name = fx.name(f"{fx.svc}_{kt.lower().replace('-', '_')}")
    body = [A("name", dash(name)), A("key_vault_id", Raw(f"azurerm_key_vault.{vault}.id")),
            A("key_type", kt)]
    if kt.startswith("RSA"):
        body.append(A("key_size", rng.choice([2048, 3072, 3072, 4096])))
        body.append(A("key_opts", ["wrapKey", "unwrapKey"] if rng.random() < 0.6 else
                      ["decrypt", "encrypt", "sign", "unwrapKey", "verify", "wrapKey"]))
    else:
        body.append(A("curve", rng.choice(["P-256", "P-384", "P-521"])))
        body.append(A("key_opts", ["sign", "verify"]))
    if rng.random() > BAD:
        body.append(A("expiration_date", rng.choice(["2026-12-31T23:59:59Z", "2027-06-30T00:00:00Z"])))
    if rng.random() > BAD:
        auto = [A("time_after_creation", rng.choice(["P30D", "P60D", "P90D", "P90D", "P180D", "P1Y"]))] \
            if rng.random() < 0.5 else [A("time_before_expiry", rng.choice(["P7D", "P30D"]))]
        body.append(B("rotation_policy", [B("automatic", auto), A("expire_after", rng.choice(["P90D", "P120D", "P2Y"])),
                                          A("notify_before_expiry", "P29D")]))
    return fx.res("azurerm_key_vault_key", name, body)


def az_secret(fx, vault):
    rng = fx.rng
    name = fx.name(f"{fx.svc}_secret")
    body = [A("name", f"{rng.choice(['db-password', 'api-key', 'storage-conn', 'client-secret'])}-{dash(name)}")]
    r = rng.random()
    pre = []
    if r < BAD * 0.6:
        body.append(A("value", FAKE_SECRET))
    elif r < 0.5:
        pname = fx.name(f"{fx.svc}_pw")
        pre = fx.res("random_password", pname, [A("length", 32), A("special", True)])
        body.append(A("value", Raw(f"random_password.{pname}.result")))
    else:
        body.append(A("value", fx.var("secret_value", "string", None, tfvars=FAKE_SECRET)))
    body.append(A("key_vault_id", Raw(f"azurerm_key_vault.{vault}.id")))
    if rng.random() > BAD:
        body.append(A("content_type", rng.choice(["password", "text/plain", "application/json"])))
    if rng.random() > BAD:
        body.append(A("expiration_date", "2026-12-31T23:59:59Z"))
    return pre + fx.res("azurerm_key_vault_secret", name, body, comment=suppression(fx, "key-material-in-source"))


def az_access_policy(fx, vault):
    rng = fx.rng
    name = fx.name(f"{fx.svc}_access")
    if rng.random() < BAD:
        kp, sp, cp = list(KEY_PERMS), list(SECRET_PERMS), list(CERT_PERMS)
    else:
        kp, sp, cp = ["Get", "WrapKey", "UnwrapKey"], ["Get", "List"], []
    body = [A("key_vault_id", Raw(f"azurerm_key_vault.{vault}.id")), A("tenant_id", Raw(f"var.tenant_id_{fx.sfx}")),
            A("object_id", "55555555-5555-5555-5555-555555555555"), A("key_permissions", kp),
            A("secret_permissions", sp)]
    if cp:
        body.append(A("certificate_permissions", cp))
    return fx.res("azurerm_key_vault_access_policy", name, body)


def az_certificate(fx, vault):
    rng = fx.rng
    name = fx.name(f"{fx.svc}_tls")
    host = f"{fx.svc}.{fx.env}.example.com"
    body = [A("name", dash(name)), A("key_vault_id", Raw(f"azurerm_key_vault.{vault}.id")),
            B("certificate_policy", [
                B("issuer_parameters", [A("name", "Self")]),
                B("key_properties", [A("exportable", rng.random() < BAD * 1.5), A("key_size", rng.choice([2048, 3072, 4096])),
                                     A("key_type", rng.choice(["RSA", "RSA-HSM"])), A("reuse_key", True)]),
                B("lifetime_action", [B("action", [A("action_type", "AutoRenew")]),
                                      B("trigger", [A("days_before_expiry", 30)])]),
                B("secret_properties", [A("content_type", "application/x-pkcs12")]),
                B("x509_certificate_properties", [A("extended_key_usage", ["1.3.6.1.5.5.7.3.1"]),
                                                  A("key_usage", ["digitalSignature", "keyEncipherment"]),
                                                  A("subject", f"CN={host}"), A("validity_in_months", 12),
                                                  B("subject_alternative_names", [A("dns_names", [host])])]),
            ])]
    return fx.res("azurerm_key_vault_certificate", name, body)


def az_diag(fx, vault, v3):
    rng = fx.rng
    name = fx.name(f"{fx.svc}_vault_diag")
    body = [A("name", dash(name)), A("target_resource_id", Raw(f"azurerm_key_vault.{vault}.id")),
            A("log_analytics_workspace_id", Raw(f"var.log_analytics_workspace_id_{fx.sfx}"))]
    r = rng.random()
    if v3:
        if r > BAD:
            body.append(B("log", [A("category", "AuditEvent"), A("enabled", True)]))
        body.append(B("metric", [A("category", "AllMetrics")]))
    else:
        if r < 0.5:
            body.append(B("enabled_log", [A("category", "AuditEvent")]))
        elif r < 0.8:
            body.append(B("enabled_log", [A("category_group", rng.choice(["audit", "allLogs"]))]))
        else:
            body.append(B("enabled_log", [A("category", "AzurePolicyEvaluationDetails")]))
        body.append(B("enabled_metric", [A("category", "AllMetrics")]))
    return fx.res("azurerm_monitor_diagnostic_setting", name, body)


def az_mhsm(fx):
    rng = fx.rng
    name = fx.name(f"{fx.svc}_mhsm")
    body = [A("name", dash(name)), A("resource_group_name", Raw(f"var.resource_group_name_{fx.sfx}")),
            A("location", Raw(f"var.location_{fx.sfx}")), A("sku_name", "Standard_B1"),
            A("tenant_id", Raw(f"var.tenant_id_{fx.sfx}")),
            A("admin_object_ids", ["66666666-6666-6666-6666-666666666666"]),
            A("purge_protection_enabled", rng.random() > BAD), A("soft_delete_retention_days", rng.choice([7, 90, 90])),
            A("public_network_access_enabled", rng.random() < 0.3)]
    return fx.res("azurerm_key_vault_managed_hardware_security_module", name, body)


def az_storage(fx, vault):
    name = fx.name(f"{fx.svc}_sa")
    body = [A("name", "st" + re.sub("[^a-z0-9]", "", name)[-22:]), A("resource_group_name", Raw(f"var.resource_group_name_{fx.sfx}")),
            A("location", Raw(f"var.location_{fx.sfx}")), A("account_tier", "Standard"),
            A("account_replication_type", "ZRS"), A("min_tls_version", "TLS1_2")]
    keys = [k for k in fx.names if "_rsa" in k]
    if keys and fx.rng.random() > BAD:
        ident = fx.name(f"{fx.svc}_id")
        pre = fx.res("azurerm_user_assigned_identity", ident, [A("name", f"id-{dash(ident)}"),
                                                               A("resource_group_name", Raw(f"var.resource_group_name_{fx.sfx}")),
                                                               A("location", Raw(f"var.location_{fx.sfx}"))])
        body.append(B("identity", [A("type", "UserAssigned"),
                                   A("identity_ids", [Raw(f"azurerm_user_assigned_identity.{ident}.id")])]))
        body.append(B("customer_managed_key", [A("key_vault_key_id", Raw(f"azurerm_key_vault_key.{keys[0]}_{fx.sfx}.id")),
                                               A("user_assigned_identity_id", Raw(f"azurerm_user_assigned_identity.{ident}.id"))]))
        return pre + fx.res("azurerm_storage_account", name, body)
    return fx.res("azurerm_storage_account", name, body)


def gen_azure_tf(fx: FileCtx, target: int) -> str:
    rng = fx.rng
    v3 = rng.random() < 0.3
    fx.var("location", "string", rng.choice(AZ_LOCATIONS))
    fx.var("resource_group_name", "string", f"rg-{fx.svc}-{fx.env}")
    fx.var("tenant_id", "string", None, tfvars="00000000-0000-0000-0000-000000000000")
    fx.var("log_analytics_workspace_id", "string",
           "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-soc/providers/"
           "Microsoft.OperationalInsights/workspaces/law-soc")
    fx.local("tags", {"environment": fx.env, "service": fx.svc, "managed_by": "terraform"})
    header = []
    if rng.random() < 0.15:
        header.append(B("terraform", [B("required_providers", [A("azurerm", {
            "source": "hashicorp/azurerm", "version": "~> 3.116" if v3 else "~> 4.40"})])]))
    blocks = []
    while fx.n_res < target:
        if rng.random() < 0.05:
            blocks += az_mhsm(fx)
            continue
        vault = fx.name(f"{fx.svc}_kv")
        vb, rbac = az_vault(fx, vault, v3)
        blocks += vb
        if rng.random() < 0.75:
            blocks += az_diag(fx, vault, v3)
        blocks += az_key(fx, vault)
        if not rbac or rng.random() < 0.1:
            blocks += az_access_policy(fx, vault)
        # fill up to the target with more children of this vault
        children = [(az_key, 4), (az_secret, 4), (az_access_policy, 0 if rbac else 1), (az_certificate, 1),
                    (az_storage, 1)]
        for _ in range(rng.randint(1, 6)):
            if fx.n_res >= target:
                break
            blocks += weighted(rng, children)(fx, vault)
    return fx.finish(header, blocks)


# ---------------------------------------------------------------------------
# Google Cloud Terraform
# ---------------------------------------------------------------------------

GCP_ROLES_USE = ["roles/cloudkms.cryptoKeyEncrypterDecrypter", "roles/cloudkms.cryptoKeyEncrypter",
                 "roles/cloudkms.cryptoKeyDecrypter", "roles/cloudkms.signerVerifier", "roles/cloudkms.viewer",
                 "roles/cloudkms.publicKeyViewer"]


def gcp_key(fx, ring):
    rng = fx.rng
    r = rng.random()
    if r < 0.65:
        purpose, algo = "ENCRYPT_DECRYPT", "GOOGLE_SYMMETRIC_ENCRYPTION"
    elif r < 0.85:
        purpose, algo = "ASYMMETRIC_SIGN", rng.choice(["EC_SIGN_P256_SHA256", "EC_SIGN_P384_SHA384",
                                                       "RSA_SIGN_PSS_3072_SHA256", "RSA_SIGN_PKCS1_2048_SHA256"])
    elif r < 0.95:
        purpose, algo = "ASYMMETRIC_DECRYPT", rng.choice(["RSA_DECRYPT_OAEP_3072_SHA256", "RSA_DECRYPT_OAEP_4096_SHA256"])
    else:
        purpose, algo = "MAC", "HMAC_SHA256"
    name = fx.name(f"{fx.svc}_{purpose.lower()}")
    body = [A("name", dash(name)),
            A("key_ring", Raw(f"google_kms_key_ring.{ring}.id"))]
    if purpose != "ENCRYPT_DECRYPT" or rng.random() < 0.5:
        body.append(A("purpose", purpose))
    if purpose == "ENCRYPT_DECRYPT" and rng.random() > BAD:
        body.append(A("rotation_period", rng.choice(["7776000s", "7776000s", "2592000s", "15552000s", "31536000s"])))
    r = rng.random()
    if r < 0.3:
        body.append(A("destroy_scheduled_duration", rng.choice(["86400s", "604800s", "2592000s", "7776000s"])))
    elif r < 0.4:
        body.append(A("destroy_scheduled_duration", fx.var("destroy_schedule", "string", "2592000s",
                                                           tfvars=rng.choice(["86400s", "2592000s"]))))
    if rng.random() < 0.05:
        body.append(A("import_only", True))
        body.append(A("skip_initial_version_creation", True))
    if rng.random() < 0.85:
        tmpl = [A("algorithm", algo)]
        if rng.random() < 0.7:
            tmpl.append(A("protection_level", "HSM" if rng.random() < 0.6 else "SOFTWARE"))
        body.append(B("version_template", tmpl))
    body.append(A("labels", Raw(f"local.labels_{fx.sfx}")))
    if rng.random() > BAD:
        body.append(B("lifecycle", [A("prevent_destroy", True)]))
    return name, fx.res("google_kms_crypto_key", name, body, comment=suppression(fx, "gcp-kms-no-prevent-destroy"))


def gcp_member(fx):
    rng = fx.rng
    if rng.random() < BAD * 0.3:
        return rng.choice(["allUsers", "allAuthenticatedUsers"])
    return rng.choice([f"serviceAccount:{fx.svc}-api@example-{fx.env}.iam.gserviceaccount.com",
                       f"serviceAccount:terraform-ci@example-{fx.env}.iam.gserviceaccount.com",
                       f"group:{fx.svc}-admins@example.com", f"user:oncall-{fx.svc}@example.com"])


def gcp_iam(fx, ring, keys):
    rng = fx.rng
    on_key = keys and rng.random() < 0.6
    target = (f"google_kms_crypto_key.{rng.choice(keys)}.id" if on_key else f"google_kms_key_ring.{ring}.id")
    scope_attr = "crypto_key_id" if on_key else "key_ring_id"
    kind = "google_kms_crypto_key" if on_key else "google_kms_key_ring"
    role = "roles/cloudkms.admin" if rng.random() < 0.25 else rng.choice(GCP_ROLES_USE)
    r = rng.random()
    if r < 0.55:
        name = fx.name(f"{fx.svc}_member")
        return fx.res(f"{kind}_iam_member", name, [A(scope_attr, Raw(target)), A("role", role), A("member", gcp_member(fx))])
    if r < 0.9:
        name = fx.name(f"{fx.svc}_binding")
        members = [gcp_member(fx) for _ in range(rng.randint(1, 3))]
        members = list(dict.fromkeys(members))
        return fx.res(f"{kind}_iam_binding", name, [A(scope_attr, Raw(target)), A("role", role), A("members", members)])
    name = fx.name(f"{fx.svc}_policy")
    bindings = [B("binding", [A("role", "roles/cloudkms.admin"), A("members", [f"group:{fx.svc}-admins@example.com"])]),
                B("binding", [A("role", rng.choice(GCP_ROLES_USE)), A("members", list(dict.fromkeys([gcp_member(fx), gcp_member(fx)])))])]
    blocks = fx.data("google_iam_policy", name, bindings)
    blocks += fx.res(f"{kind}_iam_policy", name, [A(scope_attr, Raw(target)),
                                                  A("policy_data", Raw(f"data.google_iam_policy.{name}.policy_data"))])
    return blocks


def gcp_cmek_consumer(fx, keys):
    rng = fx.rng
    key = Raw(f"google_kms_crypto_key.{keys[0]}.id") if keys and rng.random() > BAD else None
    kind = rng.randrange(3)
    name = fx.name(fx.svc)
    if kind == 0:
        body = [A("name", f"example-{fx.env}-{dash(name)}"), A("location", "EU"),
                A("uniform_bucket_level_access", True)]
        if key:
            body.append(B("encryption", [A("default_kms_key_name", key)]))
        return fx.res("google_storage_bucket", name, body)
    if kind == 1:
        body = [A("name", f"{dash(name)}-events")]
        if key:
            body.append(A("kms_key_name", key))
        return fx.res("google_pubsub_topic", name, body)
    body = [A("dataset_id", name), A("location", "EU")]
    if key:
        body.append(B("default_encryption_configuration", [A("kms_key_name", key)]))
    return fx.res("google_bigquery_dataset", name, body)


def gen_gcp_tf(fx: FileCtx, target: int) -> str:
    rng = fx.rng
    fx.var("project_id", "string", None, tfvars=f"example-{fx.svc}-{fx.env}")
    region = fx.var("region", "string", rng.choice(GCP_REGIONS))
    fx.local("labels", {"env": fx.env, "service": fx.svc, "managed_by": "terraform"})
    header = []
    if rng.random() < 0.15:
        header.append(B("terraform", [B("required_providers", [A("google", {"source": "hashicorp/google", "version": "~> 6.10"})])]))
    blocks = []
    while fx.n_res < target:
        ring = fx.name(f"{fx.svc}_ring")
        blocks += fx.res("google_kms_key_ring", ring, [A("name", f"{fx.env}-{dash(ring)}"), A("location", region),
                                                       A("project", Raw(f"var.project_id_{fx.sfx}"))])
        keys = []
        for i in range(rng.randint(1, 3)):
            if i and fx.n_res >= target:
                break
            k, b = gcp_key(fx, ring)
            keys.append(k)
            blocks += b
        for i in range(rng.randint(1, 3)):
            if i and fx.n_res >= target:
                break
            blocks += gcp_iam(fx, ring, keys)
        if fx.n_res < target and rng.random() < 0.4:
            blocks += gcp_cmek_consumer(fx, keys)
    return fx.finish(header, blocks)


# ---------------------------------------------------------------------------
# Raw AWS policy JSON
# ---------------------------------------------------------------------------


def gen_policy_json(fx: FileCtx) -> tuple[str, str]:
    rng = fx.rng
    own = rng.choice(ACCOUNTS)
    acct = Acct(own, rng.choice(AWS_REGIONS), rng.choice(PARTNER_ACCOUNTS))
    if rng.random() < 0.6:
        doc = policy_json(key_policy_statements(fx, acct, BAD), rng)
        if rng.random() < 0.5:
            doc = {"Version": doc.get("Version", "2012-10-17"), "Id": f"key-policy-{fx.svc}", "Statement": doc["Statement"]}
        fname = f"policies/{fx.svc}-key-policy-{fx.sfx}.json"
        fx.dir.json_key_policies.append(fname)
    else:
        stmts = identity_policy_statements(fx, acct, None, BAD)
        if rng.random() < 0.02:  # Principal in an identity policy: invalid
            stmts[0]["principal"] = {"AWS": acct.root()}
        doc = policy_json(stmts, rng)
        fname = f"policies/iam-{fx.svc}-{rng.choice(['task', 'lambda', 'ci', 'readonly'])}-{fx.sfx}.json"
    indent = rng.choice([2, 2, 4])
    return fname, json.dumps(doc, indent=indent) + "\n"


# ---------------------------------------------------------------------------
# ARM templates
# ---------------------------------------------------------------------------


def gen_arm(fx: FileCtx) -> tuple[str, str]:
    rng = fx.rng
    params = {
        "vaultName": {"type": "string", "defaultValue": f"kv-{fx.svc}-{fx.env}-{fx.sfx}"},
        "location": {"type": "string", "defaultValue": "[resourceGroup().location]"},
        "skuName": {"type": "string", "defaultValue": "premium" if rng.random() < 0.5 else "standard",
                    "allowedValues": ["standard", "premium"]},
        "softDeleteRetentionInDays": {"type": "int", "defaultValue": rng.choice([7, 30, 90, 90, 90])},
    }
    variables = {"tags": {"environment": fx.env, "service": fx.svc}}
    props = {
        "tenantId": "[subscription().tenantId]",
        "sku": {"family": "A", "name": "[parameters('skuName')]"},
        "softDeleteRetentionInDays": "[parameters('softDeleteRetentionInDays')]",
    }
    if rng.random() < 0.05:
        params["enableSoftDelete"] = {"type": "bool", "defaultValue": False}
        props["enableSoftDelete"] = "[parameters('enableSoftDelete')]"
    else:
        props["enableSoftDelete"] = True
    if rng.random() > BAD:
        props["enablePurgeProtection"] = True
    rbac = rng.random() < 0.6
    props["enableRbacAuthorization"] = rbac
    if rbac:
        props["accessPolicies"] = []
    else:
        bad = rng.random() < BAD
        props["accessPolicies"] = [{
            "tenantId": "[subscription().tenantId]",
            "objectId": "[parameters('principalObjectId')]",
            "permissions": {"keys": ["all"] if bad else ["get", "wrapKey", "unwrapKey"],
                            "secrets": ["get", "list", "set", "delete", "purge"] if bad else ["get"]},
        }]
        params["principalObjectId"] = {"type": "string", "defaultValue": "77777777-7777-7777-7777-777777777777"}
    if rng.random() < 0.5:
        props["publicNetworkAccess"] = "Disabled"
    props["networkAcls"] = {"defaultAction": "Deny" if rng.random() > BAD else "Allow", "bypass": "AzureServices"}
    vault = {"type": "Microsoft.KeyVault/vaults", "apiVersion": rng.choice(["2022-07-01", "2023-07-01", "2019-09-01"]),
             "name": "[parameters('vaultName')]", "location": "[parameters('location')]",
             "tags": "[variables('tags')]", "properties": props}
    resources = [vault]
    nested = rng.random() < 0.3
    if nested:
        vault["resources"] = []
    dep = ["[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]"]

    def child(kind, short, name, properties):
        if nested:
            vault["resources"].append({"type": kind, "apiVersion": vault["apiVersion"], "name": name,
                                       "dependsOn": dep, "properties": properties})
        else:
            resources.append({"type": f"Microsoft.KeyVault/vaults/{kind}", "apiVersion": vault["apiVersion"],
                              "name": f"[format('{{0}}/{{1}}', parameters('vaultName'), {short})]",
                              "dependsOn": dep, "properties": properties})

    for i in range(rng.randint(1, 3)):
        kty = rng.choice(["RSA", "RSA-HSM", "RSA-HSM", "EC", "EC-HSM"])
        kp = {"kty": kty}
        if kty.startswith("RSA"):
            kp["keySize"] = rng.choice([2048, 3072, 4096])
            kp["keyOps"] = ["wrapKey", "unwrapKey"]
        else:
            kp["curveName"] = rng.choice(["P-256", "P-384"])
            kp["keyOps"] = ["sign", "verify"]
        attrs = {"enabled": True}
        if rng.random() > BAD:
            attrs["exp"] = rng.choice([1798761599, 1830297600])
        kp["attributes"] = attrs
        if rng.random() > BAD:
            kp["rotationPolicy"] = {
                "attributes": {"expiryTime": rng.choice(["P90D", "P1Y"])},
                "lifetimeActions": [{"trigger": {"timeAfterCreate": rng.choice(["P60D", "P90D", "P180D"])},
                                     "action": {"type": "rotate"}},
                                    {"trigger": {"timeBeforeExpiry": "P14D"}, "action": {"type": "notify"}}]}
        vname = f"key{i}Name"
        variables[vname] = f"{fx.svc}-key-{i}"
        child("keys", f"variables('{vname}')", f"[variables('{vname}')]", kp)
    for i in range(rng.randint(0, 2)):
        pname = f"secret{i}Value"
        p = {"type": "securestring"}
        if rng.random() < BAD * 0.5:
            p["defaultValue"] = FAKE_SECRET
        params[pname] = p
        sp = {"value": f"[parameters('{pname}')]"}
        if rng.random() > BAD:
            sp["contentType"] = "text/plain"
        if rng.random() > BAD:
            sp["attributes"] = {"enabled": True, "exp": 1798761599}
        child("secrets", f"'{fx.svc}-secret-{i}'", f"{fx.svc}-secret-{i}", sp)
    if rng.random() < 0.05:
        resources.append({"type": "Microsoft.KeyVault/managedHSMs", "apiVersion": "2023-07-01",
                          "name": f"mhsm-{fx.svc}-{fx.sfx}", "location": "[parameters('location')]",
                          "sku": {"family": "B", "name": "Standard_B1"},
                          "properties": {"tenantId": "[subscription().tenantId]",
                                         "initialAdminObjectIds": ["88888888-8888-8888-8888-888888888888"],
                                         "enablePurgeProtection": rng.random() > BAD,
                                         "softDeleteRetentionInDays": 90,
                                         "publicNetworkAccess": "Disabled"}})
    if rng.random() < 0.45:
        params["workspaceId"] = {"type": "string"}
        resources.append({"type": "Microsoft.Insights/diagnosticSettings", "apiVersion": "2021-05-01-preview",
                          "scope": "[format('Microsoft.KeyVault/vaults/{0}', parameters('vaultName'))]",
                          "name": "audit-to-law", "dependsOn": dep,
                          "properties": {"workspaceId": "[parameters('workspaceId')]",
                                         "logs": [{"category": "AuditEvent", "enabled": True}],
                                         "metrics": [{"category": "AllMetrics", "enabled": True}]}})
    schema = rng.choice(["https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
                         "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#"])
    doc = {"$schema": schema, "contentVersion": "1.0.0.0", "parameters": params, "variables": variables,
           "resources": resources}
    if rng.random() < 0.3:
        doc["outputs"] = {"vaultUri": {"type": "string",
                                       "value": "[reference(resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))).vaultUri]"}}
    fname = f"templates/{rng.choice(['azuredeploy', 'keyvault', 'kv'])}-{fx.svc}-{fx.sfx}.json"
    return fname, json.dumps(doc, indent=2) + "\n"


# ---------------------------------------------------------------------------
# Files keylint should skip
# ---------------------------------------------------------------------------


def gen_skip(fx: FileCtx) -> tuple[str, str]:
    rng = fx.rng
    r = rng.random()
    if r < 0.4:
        if not fx.dir.has_readme:
            fx.dir.has_readme = True
            fname = "README.md"
        else:
            fname = f"docs/runbook-{fx.svc}-{fx.sfx}.md"
        text = (f"# {fx.svc} ({fx.env})\n\nTerraform for the {fx.svc} keys and secrets.\n\n"
                "## Rotating a key\n\n1. Open a change request.\n2. Run `terraform plan` and attach the output.\n"
                "3. Apply from the pipeline, never from a laptop.\n\n"
                "Keys use `resource \"aws_kms_key\"` blocks; see `main.tf`.\n")
        return fname, text
    if r < 0.75:
        name = f"bootstrap_{fx.sfx}"
        top = [B("resource", "null_resource", name, [
            A("triggers", {"always": Raw("timestamp()")}),
            B("provisioner", "local-exec", [A("command", f"./scripts/bootstrap.sh {fx.svc}")]),
        ])]
        if rng.random() < 0.5:
            top.append(B("resource", "terraform_data", f"marker_{fx.sfx}", [A("input", fx.svc)]))
        return f"bootstrap-{fx.sfx}.tf", render_file(top)
    doc = {"Logging": {"LogLevel": {"Default": "Information"}}, "AllowedHosts": "*",
           "Service": {"Name": fx.svc, "Environment": fx.env, "KeyVaultUri": f"https://kv-{fx.svc}.vault.azure.net/"}}
    return f"config/appsettings-{fx.svc}-{fx.sfx}.json", json.dumps(doc, indent=2) + "\n"


# ---------------------------------------------------------------------------
# tfvars
# ---------------------------------------------------------------------------


def render_tfvars(d: DirState) -> str:
    lines = [f"# Values for {d.path}. Placeholders and AWS documentation account ids only."]
    width = max((len(k) for k, _ in d.tfvars), default=0)
    for k, v in d.tfvars:
        lines.append(f"{k.ljust(width)} = {hval(v, 0)}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------
# Driver
# ---------------------------------------------------------------------------


def leaf_dirs(n: int) -> list[str]:
    a, t, e = len(AREAS), len(TEAMS), len(ENVS)
    out = []
    for i in range(n):
        env = ENVS[(i // (a * t)) % e]
        rep = i // (a * t * e)
        out.append(f"{AREAS[i % a]}/{TEAMS[(i // a) % t]}/{env}" + (f"-{rep}" if rep else ""))
    return out


def plan(n_files: int, n_dirs: int, master: random.Random):
    n_tf = round(n_files * 0.60)
    n_json = round(n_files * 0.20)
    n_arm = round(n_files * 0.15)
    n_skip = n_files - n_tf - n_json - n_arm
    kinds = ["tf"] * n_tf + ["policy"] * n_json + ["arm"] * n_arm + ["skip"] * n_skip
    master.shuffle(kinds)
    dirs = leaf_dirs(n_dirs)
    clouds = [master.choices(["aws", "azure", "gcp"], weights=[40, 35, 25])[0] for _ in dirs]
    per_dir: list[list[tuple[int, str]]] = [[] for _ in dirs]
    for i, k in enumerate(kinds):
        per_dir[i % n_dirs].append((i, k))
    # One Terraform slot per directory (with at least 3) becomes its terraform.tfvars.
    for slots in per_dir:
        tf = [j for j, (_, k) in enumerate(slots) if k == "tf"]
        if len(tf) >= 3:
            i, _ = slots[tf[-1]]
            slots[tf[-1]] = (i, "tfvars")
    return dirs, clouds, per_dir


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--files", type=int, default=10000, help="number of files to write (default 10000)")
    ap.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    ap.add_argument("--dirs", type=int, default=100, help="number of leaf directories/modules (default 100)")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus"),
                    help="output directory (default: bench/corpus next to this script)")
    ap.add_argument("--force", action="store_true", help="write into a non-empty output directory")
    args = ap.parse_args(argv)
    if args.files < 1 or args.dirs < 1:
        ap.error("--files and --dirs must be positive")
    n_dirs = min(args.dirs, args.files)

    out = args.out
    if os.path.isdir(out) and os.listdir(out) and not args.force:
        print(f"error: output directory `{out}` is not empty (use --force to write into it)", file=sys.stderr)
        return 2
    os.makedirs(out, exist_ok=True)
    count_path = os.path.join(out, ".count")
    if os.path.exists(count_path):
        os.remove(count_path)

    master = random.Random(args.seed)
    dirs, clouds, per_dir = plan(args.files, n_dirs, master)
    stats = {"tf": 0, "tfvars": 0, "policy": 0, "arm": 0, "skip": 0}
    tf_resources = 0
    written = 0
    nbytes = 0
    seen: set[str] = set()

    def write(rel: str, text: str):
        nonlocal written, nbytes
        path = os.path.join(out, rel)
        if path in seen:
            raise RuntimeError(f"duplicate path {rel}")
        seen.add(path)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        written += 1
        nbytes += len(text.encode("utf-8"))

    for d_i, (dpath, cloud, slots) in enumerate(zip(dirs, clouds, per_dir)):
        state = DirState(dpath, cloud)
        tfvars_slot = None
        for idx, kind in slots:
            rng = random.Random(f"{args.seed}:{idx}")
            fx = FileCtx(rng, idx, state)
            if kind == "tfvars":
                tfvars_slot = idx
                continue
            if kind == "tf":
                c = cloud if rng.random() < 0.85 else rng.choice(["aws", "azure", "gcp"])
                target = rng.randint(3, 12)
                gen = {"aws": gen_aws_tf, "azure": gen_azure_tf, "gcp": gen_gcp_tf}[c]
                text = gen(fx, target)
                tf_resources += fx.n_res
                prefix = {"aws": "kms", "azure": "keyvault", "gcp": "cloudkms"}[c]
                rel = f"{prefix}-{fx.svc}-{fx.sfx}.tf"
            elif kind == "policy":
                rel, text = gen_policy_json(fx)
            elif kind == "arm":
                rel, text = gen_arm(fx)
            else:
                rel, text = gen_skip(fx)
            stats[kind] += 1
            write(os.path.join(dpath, rel), text)
        if tfvars_slot is not None:
            stats["tfvars"] += 1
            write(os.path.join(dpath, "terraform.tfvars"), render_tfvars(state))

    if written != args.files:
        raise RuntimeError(f"wrote {written} files, expected {args.files}")
    with open(count_path, "w", encoding="utf-8") as f:
        f.write(f"{written}\n")
    n_tf = stats["tf"]
    print(f"wrote {written} files ({nbytes / 1e6:.1f} MB) to {out} with seed {args.seed}: "
          f"{n_tf} .tf ({tf_resources / max(n_tf, 1):.1f} resource/data blocks per file on average), "
          f"{stats['tfvars']} .tfvars, {stats['policy']} AWS policy JSON, {stats['arm']} ARM templates, "
          f"{stats['skip']} files to skip", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
