#!/usr/bin/env python3
"""Generate one deterministic ~1 MB Terraform file for bench/wasm-bench.sh.

It reuses the resource generators of bench/gen_corpus.py (AWS KMS keys with key policies
as jsonencode, heredocs, aws_iam_policy_document and aws_kms_key_policy, grants, Secrets
Manager and IAM policies; Azure Key Vaults, keys, secrets, certificates, access policies,
diagnostic settings, Managed HSMs; Google Cloud key rings, crypto keys and IAM), one
"file" of resources after another, with names kept unique by the generator's per-file
suffix, under one `terraform` block. Variables that the corpus would set in
terraform.tfvars stay unknown here (there is only this file), as in a module whose
tfvars live elsewhere.

Usage: wasm-gen-tf.py [--bytes N] [--seed S] --out FILE
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import sys

here = os.path.dirname(os.path.abspath(__file__))
spec = importlib.util.spec_from_file_location("gen_corpus", os.path.join(here, "gen_corpus.py"))
gc = importlib.util.module_from_spec(spec)
spec.loader.exec_module(gc)

HEADER = """terraform {
  required_version = ">= 1.6"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.70"
    }
    azurerm = {
      source  = "hashicorp/azurerm"
      version = "~> 4.40"
    }
    google = {
      source  = "hashicorp/google"
      version = "~> 6.10"
    }
  }
}

"""


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bytes", type=int, default=1_000_000, help="stop at or just above this size (default 1000000)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args(argv)

    # One module: the per-file `terraform { required_providers }` headers go, HEADER stays.
    finish = gc.FileCtx.finish
    gc.FileCtx.finish = lambda self, header, blocks: finish(self, [], blocks)

    state = gc.DirState("bench", "aws")
    parts = [HEADER]
    size = len(HEADER.encode())
    resources = 0
    idx = 0
    while size < args.bytes:
        rng = random.Random(f"wasm:{args.seed}:{idx}")
        fx = gc.FileCtx(rng, idx, state)
        cloud = ["aws", "aws", "azure", "gcp"][idx % 4]
        gen = {"aws": gc.gen_aws_tf, "azure": gc.gen_azure_tf, "gcp": gc.gen_gcp_tf}[cloud]
        text = gen(fx, rng.randint(3, 12)).rstrip("\n") + "\n\n"
        parts.append(f"# --- {cloud} {fx.svc} ({fx.sfx}) ---\n\n")
        parts.append(text)
        size += len(parts[-2].encode()) + len(text.encode())
        resources += fx.n_res
        idx += 1
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8", newline="\n") as f:
        f.write("".join(parts))
    print(f"wrote {args.out}: {size} bytes, {idx} generator files, {resources} resource/data blocks", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
