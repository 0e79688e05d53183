// keylint.wasm through keylint.js in Node.js: the same findings as the native CLI.
// Needs the module built by the parity test (or KEYLINT_WASM) and the CLI built by
// `cargo nextest run` (or KEYLINT_BIN); scripts/test.sh runs this after both.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { join, dirname, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { load, Keylint, KeylintError } from "../keylint.js";
import { ruleDocs } from "../rule-docs.mjs";

const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const wasmPath = process.env.KEYLINT_WASM ?? join(repo, "target/wasm/wasm32-unknown-unknown/wasm-release/keylint_wasm.wasm");
const cli = process.env.KEYLINT_BIN ?? join(repo, "target/debug/keylint");
const keylint = await load(readFileSync(wasmPath));
const docs = ruleDocs(join(repo, "policies"));

function filesUnder(dir) {
  return readdirSync(dir).sort().flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [{ path: relative(repo, p), text: readFileSync(p, "utf8") }];
  });
}

test("version and rules", () => {
  assert.match(keylint.version(), /^\d+\.\d+\.\d+/);
  const rules = keylint.rules();
  assert.ok(rules.length >= 46);
  // The module does not carry the built-in rules' documents: rule-docs.mjs gives them, for
  // exactly the module's rules.
  assert.ok(rules.every((r) => r.doc === undefined));
  assert.deepEqual(Object.keys(docs), rules.map((r) => r.id).sort());
  assert.ok(docs["aws-kms-wildcard-principal-decrypt"].includes("## How to fix"));
});

for (const sample of ["aws/bad", "azure/bad", "gcp/bad", "aws/good"]) {
  test(`samples/${sample}: same findings as the CLI`, () => {
    const report = keylint.lint(filesUnder(join(repo, "samples", sample)));
    let native;
    try {
      native = execFileSync(cli, ["check", `samples/${sample}`, "--format", "json"], { cwd: repo, encoding: "utf8" });
    } catch (e) {
      native = e.stdout; // exit code 1: findings
    }
    assert.deepEqual(report.findings, JSON.parse(native).findings);
    assert.equal(report.errors.length, 0);
  });
}

function cli_output(args, env = {}) {
  try {
    return execFileSync(cli, args, { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20, env: { ...process.env, ...env } });
  } catch (e) {
    if (e.status === 1) return e.stdout; // exit code 1: findings
    throw e;
  }
}

// The same Rust SARIF writer as the CLI. Paths are given repo-relative, as the CLI names
// them when run from the repository root, so the documents are equal byte for byte.
for (const sample of ["aws/bad", "azure/bad", "gcp/bad", "aws/good"]) {
  test(`samples/${sample}: SARIF equals the CLI's`, () => {
    const log = keylint.lintSarif(filesUnder(join(repo, "samples", sample)), { docs });
    const native = cli_output(["check", `samples/${sample}`, "--format", "sarif"]);
    assert.equal(JSON.stringify(log, null, 2) + "\n", native);
    assert.ok(sample.endsWith("good") || log.runs[0].results.length > 0);
  });
}

test("SARIF honours the profile, and lint stays JSON", () => {
  const files = filesUnder(join(repo, "samples", "aws", "bad"));
  const log = keylint.lintSarif(files, { profile: "pci-dss", docs });
  const native = cli_output(["check", "samples/aws/bad", "--format", "sarif", "--profile", "pci-dss"]);
  assert.equal(JSON.stringify(log, null, 2) + "\n", native);
  assert.ok(Array.isArray(keylint.lint(files).findings));
});

// The same Rust CycloneDX writer as the CLI, dated by `today` as the CLI by KEYLINT_TODAY.
for (const sample of ["aws/bad", "azure/bad", "gcp/bad", "vault/good"]) {
  test(`samples/${sample}: the CycloneDX BOM equals the CLI's, and keys list its keys`, () => {
    const files = filesUnder(join(repo, "samples", sample));
    const bom = keylint.lintCycloneDx(files, { today: "2026-01-15" });
    const native = cli_output(["check", `samples/${sample}`, "--format", "cyclonedx"], { KEYLINT_TODAY: "2026-01-15" });
    assert.equal(JSON.stringify(bom, null, 2) + "\n", native);
    const report = keylint.lint(files, { keys: true });
    const keys = report.keys.filter((k) => k.kind === "key");
    assert.ok(keys.length > 0);
    assert.deepEqual(
      keys.map((k) => `key:${k.ref}`).sort(),
      bom.components.map((c) => c["bom-ref"]).filter((r) => r.startsWith("key:")).sort(),
    );
    for (const k of report.keys) {
      assert.equal(k.ref, `${k.file}#${k.resource}`);
      for (const r of k.findings) assert.ok(report.findings.some((f) => f.rule === r.rule && f.file === r.file && f.line === r.line));
    }
    // Without `keys`, no inventory.
    assert.equal(keylint.lint(files).keys, undefined);
  });
}

// classify reads files as lint does: the files it reads are the files the CLI counts.
for (const sample of ["aws/bad", "azure/bad", "gcp/good"]) {
  test(`samples/${sample}: classify reads what the CLI reads`, () => {
    const files = [
      ...filesUnder(join(repo, "samples", sample)),
      { path: "samples/README.md", text: "# samples" },
      { path: "x/package.json", text: '{"name": "x"}' },
      { path: "lonely/terraform.tfvars", text: 'region = "eu-west-1"' },
    ];
    const got = Object.fromEntries(keylint.classify(files).map((c) => [c.path, c.format]));
    const cli = JSON.parse(cli_output(["check", `samples/${sample}`, "--format", "json"]));
    assert.equal(Object.values(got).filter((f) => f !== null).length, cli.summary.files);
    assert.equal(got["samples/README.md"], null);
    assert.equal(got["x/package.json"], null);
    assert.equal(got["lonely/terraform.tfvars"], null);
    assert.equal(got[`samples/${sample}/main.tf`], "terraform");
    assert.equal(got[`samples/${sample}/terraform.tfvars`], "tfvars");
  });
}

test("classify labels JSON by content", () => {
  const got = keylint.classify([
    ...filesUnder(join(repo, "samples", "aws", "bad")),
    ...filesUnder(join(repo, "samples", "azure", "bad")),
    ...filesUnder(join(repo, "samples", "vault", "bad")),
  ]);
  const format = (p) => got.find((c) => c.path === p).format;
  assert.equal(format("samples/aws/bad/key-policy.json"), "aws-policy");
  assert.equal(format("samples/azure/bad/keyvault.json"), "arm-template");
  assert.equal(format("samples/aws/bad/cloudformation.yaml"), "cloudformation");
  assert.equal(format("samples/aws/bad/tfplan.json"), "terraform-plan");
  assert.equal(format("samples/vault/bad/vault.hcl"), "vault-config");
  assert.equal(format("samples/vault/bad/ops-policy.hcl"), "vault-policy");
  assert.equal(format("samples/aws/bad/describe-key.json"), "aws-kms-describe-key");
  assert.ok(got.every((c) => c.format !== null || typeof c.skipped === "string"));
});

test("bad input is an error, not a crash", () => {
  assert.throws(() => keylint.lint([], { profile: "nope" }), KeylintError);
  assert.throws(() => keylint.call({ command: "nope" }), /malformed request/);
  const broken = keylint.lint([{ path: "main.tf", text: "resource \"aws_kms_key\" \"k\" {\n  x = \n}\n" }]);
  assert.equal(broken.errors[0].file, "main.tf");
  assert.equal(broken.errors[0].line, 2);
});

// keylint.js hands the files' texts over beside the request (keylint_call_texts, each
// file giving its `text_span`); the answers are those of the texts inside the JSON.
test("texts beside the request: the same answers as inside it", () => {
  const inline = new Keylint({ exports: { ...keylint.exports, keylint_call_texts: undefined } });
  const files = [
    ...filesUnder(join(repo, "samples", "aws", "bad")),
    { path: "u/main.tf", text: "# caf\u00e9 \u{1f511}\nresource \"aws_kms_key\" \"k\" {\n  description = \"\u00e9\u{1f511}\"\n  deletion_window_in_days = 7\n}\n" },
    { path: "u/empty.tf", text: "" },
    { path: "u/given-as-bytes.tf", bytes: [...Buffer.from("resource \"aws_kms_key\" \"k\" {}\n")] },
  ];
  const options = { today: "2026-01-01" };
  assert.deepEqual(keylint.lint(files, options), inline.lint(files, options));
  assert.ok(keylint.lint(files, options).findings.some((f) => f.file === "u/main.tf" && f.line === 4 && f.column_utf16 === 3));
  assert.deepEqual(keylint.lintSarif(files, options), inline.lintSarif(files, options));
  assert.deepEqual(keylint.classify(files), inline.classify(files));
  const rules = [{ path: "r.cedar", text: "@id(\"x\")\n@severity(\"low\")\nforbid (principal, action, resource) when { resource.nope };" }];
  assert.throws(() => keylint.lint(files, { rules }), (e) => e.details[0].startsWith("r.cedar:3"));
});

test("many calls do not grow memory without bound", () => {
  const files = filesUnder(join(repo, "samples", "aws", "bad"));
  keylint.lint(files);
  const before = keylint.exports.memory.buffer.byteLength;
  for (let i = 0; i < 300; i++) keylint.lint(files);
  assert.ok(keylint.exports.memory.buffer.byteLength <= before + 4 * 1024 * 1024);
});
