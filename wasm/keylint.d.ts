export type Severity = "critical" | "high" | "medium" | "low" | "info";

/**
 * A file: its text, or its raw bytes (numbers 0-255), which keylint decodes as the CLI
 * does (UTF-8 with or without a byte order mark, UTF-16 with one); bytes that do not
 * decode are an error for that file.
 */
export type SourceFile = { path: string; text: string } | { path: string; bytes: number[] };

export interface Related {
  file: string;
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  message: string;
}

export interface Finding {
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  file: string;
  /** 1-based; columns count Unicode scalar values. */
  line: number;
  column: number;
  end_line: number;
  end_column: number;
  /** 1-based UTF-16 columns, as browser editors count them. */
  column_utf16?: number;
  end_column_utf16?: number;
  resource: string;
  help: string;
  related?: Related[];
}

export interface FileError {
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface Report {
  version: string;
  findings: Finding[];
  errors: FileError[];
  /** What was deliberately not read (a remote module source, a Bicep source): not errors. */
  notes: FileError[];
  /** Every declared key and key container (only with `LintOptions.keys`). */
  keys?: Asset[];
  summary: {
    files: number;
    findings: number;
    errors: number;
    suppressed: number;
    baselined: number;
    profile: string;
    by_severity: Record<Severity, number>;
  };
}

export interface LintOptions {
  profile?: "default" | "pci-dss" | "fedramp-high" | "bsi-tr-02102" | "nist-ir-8547" | "cnsa-2.0";
  /** Profile parameters to override, e.g. { min_deletion_window_days: 14 } or
   * { pqc_policy: "cnsa-2.0" } (`none` | `nist-ir-8547` | `cnsa-2.0`). */
  parameters?: Record<string, number | boolean | string>;
  /** Only these rule ids. */
  select?: string[];
  /** Rule ids switched off. */
  disable?: string[];
  /** Opt-in rule ids switched on, e.g. "suppression-unused". */
  enable?: string[];
  /** The date (`YYYY-MM-DD`) suppression expiries are judged by; default: today in UTC. */
  today?: string;
  /** Extra Cedar rules, as files. */
  rules?: SourceFile[];
  /** `lint` answers the declared keys and key containers too (`Report.keys`). */
  keys?: boolean;
  /** The rules' documentation by rule id (`rule-docs.json`): the SARIF log's `help.markdown`. */
  docs?: Record<string, string>;
}

/** A finding about an asset: the finding of the report with this rule and place. */
export interface FindingRef {
  rule: string;
  file: string;
  line: number;
  column: number;
}

/** A key's facts as the CycloneDX BOM and the page's Keys view show them. */
export interface KeySummary {
  /** The provider's spelling: AWS key spec, Google Cloud algorithm, Azure or Vault key type. */
  algorithm: string | null;
  /** rsa, ec, eddsa, ml-dsa, ml-kem, slh-dsa, aes, hmac, ... */
  family: string | null;
  material: "secret-key" | "private-key" | "unknown";
  size: number | null;
  protection: "hsm" | "software" | "external" | null;
  fips_level: number | null;
  rotation: boolean | null;
  rotation_days: number | null;
  state: "active" | "suspended" | null;
  quantum_vulnerable: boolean | null;
  nist_quantum_level: number | null;
  cnsa2_allowed: boolean | null;
}

/** A declared key or key container. */
export interface Asset {
  kind: "key" | "container";
  /** Stable and unique in a run: `<file>#<resource>`; a BOM's bom-ref is `key:` or `container:` and this. */
  ref: string;
  resource: string;
  provider: string;
  /** The resource type, e.g. `aws_kms_key`. */
  type: string;
  file: string;
  line: number;
  column: number;
  /** A key's container declared in the same configuration: its `ref`. */
  container?: string;
  facts: Record<string, string | number | boolean | string[]>;
  /** Keys only. */
  summary?: KeySummary;
  findings: FindingRef[];
}

/** A CycloneDX 1.6 BOM, as written by `keylint check --format cyclonedx`. */
export interface CycloneDxBom {
  bomFormat: "CycloneDX";
  specVersion: "1.6";
  serialNumber?: string;
  version: 1;
  metadata: Record<string, unknown>;
  components: Array<Record<string, unknown>>;
  dependencies: Array<{ ref: string; dependsOn?: string[] }>;
}

export interface RuleInfo {
  id: string;
  title: string;
  severity: Severity;
  help: string;
  /** Markdown documentation, when the module has one: a built-in rule's is not in the
   * module but in `rule-docs.json` beside keylint.wasm. */
  doc?: string;
  provider: string;
  /** checkov check ids whose skips silence this rule. */
  checkov?: string[];
  /** trivy / tfsec check ids whose ignores silence this rule. */
  trivy?: string[];
  /** false for an opt-in rule. */
  default_enabled?: boolean;
  /** The compliance controls the rule evidences (docs/compliance.md). */
  controls?: Control[];
}

/** A compliance control, e.g. `pci-dss-4.0:3.7.4`, with its title and the page it is quoted from. */
export interface Control {
  id: string;
  title?: string;
  source?: string;
}

/** What `lint` reads a file as; `json`, `yaml`, `template`, `hcl`: a file of ours that does not parse. */
export type FileFormat =
  | "terraform"
  | "terraform-json"
  | "tfvars"
  | "terraform-plan"
  | "aws-policy"
  | "arm-template"
  | "cloudformation"
  | "vault-config"
  | "vault-policy"
  | "vault-helm-values"
  | "aws-kms-get-key-policy"
  | "aws-kms-describe-key"
  | "aws-kms-get-key-rotation-status"
  | "az-keyvault-show"
  | "az-keyvault-key-show"
  | "gcloud-kms-keys-describe"
  | "gcloud-kms-keys-get-iam-policy"
  | "json"
  | "yaml"
  | "template"
  | "hcl";

export interface Classified {
  path: string;
  /** null: keylint does not read this file (see `skipped`). */
  format: FileFormat | null;
  skipped?: string;
}

/** A SARIF 2.1.0 log, as written by `keylint check --format sarif`. */
export interface SarifLog {
  $schema: string;
  version: "2.1.0";
  runs: Array<Record<string, unknown>>;
}

export class KeylintError extends Error {
  details: string[];
}

export class Keylint {
  constructor(instance: WebAssembly.Instance);
  call(request: object): unknown;
  lint(files: SourceFile[], options?: LintOptions): Report;
  /** The SARIF log of the same lint; its artifact URIs are the given paths. */
  lintSarif(files: SourceFile[], options?: LintOptions): SarifLog;
  /** The CycloneDX 1.6 BOM of the same lint. `JSON.stringify(bom, null, 2) + "\n"` is the CLI's bytes. */
  lintCycloneDx(files: SourceFile[], options?: LintOptions): CycloneDxBom;
  classify(files: SourceFile[]): Classified[];
  rules(): RuleInfo[];
  version(): string;
}

export function load(
  source: Response | Promise<Response> | BufferSource | WebAssembly.Module | Promise<BufferSource>,
): Promise<Keylint>;
