// The keylint review page: files in, keylint.wasm lints them in the page, findings out.
// Nothing leaves the browser: the only requests are for the page's own files.
import { EditorState } from "@codemirror/state";
import {
  EditorView,
  keymap,
  lineNumbers,
  highlightActiveLine,
  highlightActiveLineGutter,
  highlightSpecialChars,
  drawSelection,
} from "@codemirror/view";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { syntaxHighlighting, defaultHighlightStyle, bracketMatching, StreamLanguage } from "@codemirror/language";
import { json } from "@codemirror/lang-json";
import { yaml } from "@codemirror/legacy-modes/mode/yaml";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { load } from "../../keylint.js";
import { h, fill } from "./dom.js";
import { renderMarkdown } from "./markdown.js";
import { encodeReview, decodeReview, isReviewFragment, LONG_FRAGMENT } from "./share.js";
import { filesFromDrop, filesFromInput } from "./files.js";
import { hcl } from "./hcl.js";

const SEVERITIES = ["critical", "high", "medium", "low", "info"];
/** The rules' providers (from `rules()`), "common" last; filled at start. */
let PROVIDERS = [];
const CM_SEVERITY = { critical: "error", high: "error", medium: "warning", low: "info", info: "hint" };
const FORMAT_LABEL = {
  terraform: "Terraform",
  "terraform-json": "Terraform JSON",
  tfvars: "Terraform variables",
  "aws-policy": "AWS policy JSON",
  "arm-template": "ARM template",
  cloudformation: "CloudFormation",
  "terraform-plan": "Terraform plan",
  "vault-config": "Vault server configuration",
  "vault-policy": "Vault policy",
  "vault-helm-values": "Vault Helm chart values",
  "aws-kms-get-key-policy": "aws kms get-key-policy",
  "aws-kms-describe-key": "aws kms describe-key",
  "aws-kms-get-key-rotation-status": "aws kms get-key-rotation-status",
  "az-keyvault-show": "az keyvault show",
  "az-keyvault-key-show": "az keyvault key show",
  "gcloud-kms-keys-describe": "gcloud kms keys describe",
  "gcloud-kms-keys-get-iam-policy": "gcloud kms keys get-iam-policy",
  json: "JSON",
  yaml: "YAML",
  template: "template",
  hcl: "HCL",
};
/** Findings drawn in the list at most (all of them still count and are downloaded). */
const LIST_LIMIT = 2000;
/** Chromium refuses URLs above 2 MB. */
const MAX_URL = 2 * 1024 * 1024;
const LINT_DELAY_MS = 250;

const $ = (id) => document.getElementById(id);

const state = {
  keylint: null,
  rules: new Map(),
  /** {path, text?, format, skipped, editor: EditorState | null}, sorted by path */
  files: [],
  current: null,
  profile: "default",
  report: null,
  severities: new Set(SEVERITIES),
  providers: new Set(),
  selected: -1,
  lastHash: "",
  lints: 0,
  /** The Keys view: shown, sort column and direction, filters. */
  keys: { shown: false, sort: "key", descending: false, text: "", protection: "", quantum: "" },
};

let view = null;
let lintTimer = 0;

// ---------------------------------------------------------------------------- status

function status(message, kind = "info") {
  const el = $("status");
  el.className = `status ${kind}`;
  fill(el, message);
}

// ---------------------------------------------------------------------------- files

const fileByPath = (path) => state.files.find((f) => f.path === path);

function normalisePath(path) {
  return path.replace(/\\/g, "/").replace(/^(\.\/)+/, "").replace(/^\/+/, "");
}

/** Add or replace files (same path = same file); returns the paths added. */
function addFiles(files) {
  const added = [];
  for (const f of files) {
    const path = normalisePath(f.path);
    if (!path) continue;
    const old = fileByPath(path);
    const entry = { path, text: f.text, format: null, skipped: f.skipped ?? null, editor: null };
    if (old) Object.assign(old, entry);
    else state.files.push(entry);
    added.push(path);
  }
  state.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return added;
}

function removeFile(path) {
  state.files = state.files.filter((f) => f.path !== path);
  if (state.current === path) state.current = null;
  lintNow();
  if (!state.current && state.files.length) openFile(state.files[0].path);
  else if (!state.current) showEditor(false);
}

function clearFiles() {
  state.files = [];
  state.current = null;
  state.selected = -1;
  showEditor(false);
  lintNow();
}

function uniqueName(name) {
  if (!fileByPath(name)) return name;
  const dot = name.lastIndexOf(".") > 0 ? name.lastIndexOf(".") : name.length;
  for (let i = 2; ; i++) {
    const candidate = `${name.slice(0, dot)}-${i}${name.slice(dot)}`;
    if (!fileByPath(candidate)) return candidate;
  }
}

/** Add files, lint, open the first new file with findings (or the first new file). */
function review(files, message) {
  const added = addFiles(files);
  lintNow();
  const withFindings = added.find((p) => state.report?.findings.some((f) => f.file === p));
  const first = withFindings ?? added.find((p) => fileByPath(p)?.text != null);
  if (first) openFile(first);
  if (message) status(message);
  return added;
}

// ---------------------------------------------------------------------------- linting

function inputs() {
  return state.files.filter((f) => f.text != null).map((f) => ({ path: f.path, text: f.text }));
}

function scheduleLint() {
  clearTimeout(lintTimer);
  lintTimer = setTimeout(lintNow, LINT_DELAY_MS);
}

function lintNow() {
  clearTimeout(lintTimer);
  const files = inputs();
  try {
    for (const c of state.keylint.classify(files)) {
      const f = fileByPath(c.path);
      if (f) {
        f.format = c.format;
        f.skipped = c.format ? null : c.skipped;
      }
    }
    state.report = state.keylint.lint(files, { profile: state.profile, keys: true });
  } catch (e) {
    state.report = null;
    status(`keylint could not lint these files: ${e.message}${e.details?.length ? ` (${e.details.join("; ")})` : ""}`, "error");
  }
  state.lints++;
  document.documentElement.dataset.lints = String(state.lints);
  renderAll();
}

const providerOf = (rule) => state.rules.get(rule)?.provider ?? "common";

function visibleFindings() {
  const all = state.report?.findings ?? [];
  const out = [];
  all.forEach((f, i) => {
    if (state.severities.has(f.severity) && state.providers.has(providerOf(f.rule))) out.push({ f, i });
  });
  return out;
}

// ---------------------------------------------------------------------------- editor

const yamlLanguage = StreamLanguage.define(yaml);

function language(file) {
  const name = file.path.toLowerCase();
  if (file.format === "terraform" || file.format === "tfvars" || /\.(tf|tfvars)$/.test(name)) return hcl;
  if (/\.ya?ml$/.test(name)) return yamlLanguage;
  const text = file.text ?? "";
  if (name.endsWith(".json") || (name.endsWith(".template") && text.trimStart().startsWith("{"))) return json();
  if (name.endsWith(".template")) return yamlLanguage;
  return [];
}

function extensions(file) {
  const path = file.path;
  return [
    lineNumbers(),
    highlightActiveLineGutter(),
    highlightSpecialChars(),
    history(),
    drawSelection(),
    highlightActiveLine(),
    bracketMatching(),
    syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
    lintGutter(),
    keymap.of([...defaultKeymap, ...historyKeymap, ...lintKeymap]),
    language(file),
    EditorState.tabSize.of(2),
    typeOverSelection,
    EditorView.contentAttributes.of({ "aria-label": `Text of ${path}` }),
    EditorView.updateListener.of((u) => {
      if (u.docChanged) {
        const f = fileByPath(path);
        if (f) {
          f.text = u.state.doc.toString();
          scheduleLint();
        }
      }
      if (u.docChanged || u.selectionSet) showCursor(u.state);
    }),
  ];
}

// Typing over a selection: Chromium's own contenteditable editing would first merge the
// selected lines through an element with a `style` attribute, which the page's CSP blocks
// (and reports as a console error). Replace the selection through CodeMirror instead.
const typeOverSelection = EditorView.domEventHandlers({
  beforeinput(event, v) {
    if (event.inputType !== "insertText" || event.isComposing || event.data == null) return false;
    if (v.state.selection.ranges.every((r) => r.empty)) return false;
    event.preventDefault();
    v.dispatch({ ...v.state.replaceSelection(event.data), scrollIntoView: true, userEvent: "input.type" });
    return true;
  },
});

const theme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px" },
  ".cm-scroller": { fontFamily: "ui-monospace, SFMono-Regular, Menlo, Consolas, monospace", lineHeight: "1.5" },
  ".cm-lintRange-error, .cm-lintRange-warning, .cm-lintRange-info, .cm-lintRange-hint": { paddingBottom: "1px" },
});

function showEditor(on) {
  $("editor").hidden = !on;
  $("editor-empty").hidden = on;
  if (!on) {
    fill($("editor-title"), "No file open");
    fill($("editor-format"));
    fill($("cursor"));
  }
}

function showCursor(editorState) {
  const head = editorState.selection.main.head;
  const line = editorState.doc.lineAt(head);
  fill($("cursor"), `Ln ${line.number}, Col ${head - line.from + 1}`);
}

function openFile(path) {
  const file = fileByPath(path);
  if (!file || file.text == null) return;
  const previous = fileByPath(state.current);
  // A replaced file has no editor state yet: the view still shows its old text.
  if (previous && view && previous.path !== path && previous.editor) previous.editor = view.state;
  state.current = path;
  if (!file.editor) file.editor = EditorState.create({ doc: file.text, extensions: [extensions(file), theme] });
  if (!view) {
    // CodeMirror adds its styles as constructed style sheets inside a shadow root, which
    // the page's CSP (style-src 'self', no 'unsafe-inline') allows; in the document itself
    // it would add <style> elements, which the CSP blocks.
    const host = $("editor");
    const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
    view = new EditorView({ parent: root, root, state: file.editor });
  }
  else if (view.state !== file.editor) view.setState(file.editor);
  showEditor(true);
  fill($("editor-title"), path);
  fill($("editor-format"), file.format ? (FORMAT_LABEL[file.format] ?? file.format) : `skipped: ${file.skipped ?? "not read"}`);
  showCursor(view.state);
  applyDiagnostics();
  renderFiles();
}

/** 1-based line and UTF-16 column to a document offset, clamped to the document. */
function offset(doc, line, column) {
  if (line < 1) return 0;
  if (line > doc.lines) return doc.length;
  const l = doc.line(line);
  return Math.min(l.from + Math.max(0, (column ?? 1) - 1), l.to);
}

function applyDiagnostics() {
  if (!view || !state.current) return;
  const doc = view.state.doc;
  const diagnostics = [];
  for (const { f } of visibleFindings()) {
    if (f.file !== state.current) continue;
    const from = offset(doc, f.line, f.column_utf16 ?? f.column);
    const to = Math.max(from, offset(doc, f.end_line, f.end_column_utf16 ?? f.end_column));
    diagnostics.push({ from, to, severity: CM_SEVERITY[f.severity], source: `${f.rule} (${f.severity})`, message: f.message });
  }
  for (const e of state.report?.errors ?? []) {
    if (e.file !== state.current) continue;
    const l = doc.line(Math.min(Math.max(e.line ?? 1, 1), doc.lines));
    const from = e.column ? offset(doc, l.number, e.column) : l.from;
    diagnostics.push({ from, to: l.to, severity: "error", source: "keylint", message: e.message });
  }
  view.dispatch(setDiagnostics(view.state, diagnostics));
}

function select(path, line, column, endLine, endColumn) {
  openFile(path);
  if (!view) return;
  const doc = view.state.doc;
  const from = offset(doc, line, column);
  const to = endLine ? Math.max(from, offset(doc, endLine, endColumn)) : from;
  view.dispatch({ selection: { anchor: from, head: to }, effects: EditorView.scrollIntoView(from, { y: "center" }) });
  view.focus();
}

function jumpTo(i) {
  const f = state.report?.findings[i];
  if (!f) return;
  state.selected = i;
  for (const b of document.querySelectorAll("#findings button.jump")) {
    if (b.dataset.index === String(i)) b.setAttribute("aria-current", "true");
    else b.removeAttribute("aria-current");
  }
  select(f.file, f.line, f.column_utf16 ?? f.column, f.end_line, f.end_column_utf16 ?? f.end_column);
}

// ---------------------------------------------------------------------------- rendering

/** A message with `user values` in code elements (as text, never markup). */
function messageNodes(message) {
  return message.split("`").map((part, i) => (i % 2 ? h("code", {}, part) : part));
}

function renderAll() {
  renderFiles();
  renderSummary();
  renderFilters();
  renderErrors();
  renderFindings();
  renderKeys();
  applyDiagnostics();
  const has = state.files.length > 0;
  $("clear-files").hidden = !has;
  for (const id of ["share", "download-json", "download-sarif", "download-cyclonedx"]) $(id).disabled = !has || !state.report;
}

// ---------------------------------------------------------------------------- keys view

const SEVERITY_RANK = Object.fromEntries(SEVERITIES.map((s, i) => [s, i]));
const PROTECTION_LABEL = { hsm: "HSM", software: "software", external: "external" };

/** A key's findings: the report's findings it refers to. */
function keyFindings(key) {
  const findings = state.report?.findings ?? [];
  return key.findings
    .map((r) => findings.find((f) => f.rule === r.rule && f.file === r.file && f.line === r.line && f.column === r.column))
    .filter(Boolean);
}

/** One table row's cells: what is shown and what it sorts by. */
function keyRow(key) {
  const s = key.summary ?? {};
  const findings = keyFindings(key);
  const container = state.report?.keys?.find((k) => k.ref === key.container);
  const algorithm = [s.algorithm, s.size && !String(s.algorithm ?? "").includes(String(s.size)) ? `${s.size} bits` : null]
    .filter(Boolean)
    .join(", ");
  const protection = s.protection
    ? `${PROTECTION_LABEL[s.protection] ?? s.protection}${s.fips_level ? `, FIPS 140 level ${s.fips_level}` : ""}`
    : s.fips_level
      ? `FIPS 140 level ${s.fips_level}`
      : "unknown";
  const rotation = s.rotation == null ? "unknown" : s.rotation ? (s.rotation_days ? `every ${s.rotation_days} days` : "on") : "off";
  const quantum =
    s.quantum_vulnerable == null
      ? "unknown"
      : s.quantum_vulnerable
        ? "vulnerable"
        : `safe${s.nist_quantum_level != null ? ` (NIST level ${s.nist_quantum_level})` : ""}`;
  const worst = findings.reduce((m, f) => Math.min(m, SEVERITY_RANK[f.severity] ?? 9), 9);
  return {
    key,
    findings,
    cells: {
      key: key.resource,
      provider: key.provider,
      algorithm: algorithm || "unknown",
      protection,
      rotation,
      quantum,
      findings: findings.length,
    },
    sort: {
      key: `${key.resource}\u0000${key.file}`,
      provider: key.provider,
      algorithm: algorithm || "\uffff",
      protection: `${s.protection ?? "~"}${9 - (s.fips_level ?? 0)}`,
      rotation: s.rotation == null ? 2 : s.rotation ? 0 : 1,
      quantum: s.quantum_vulnerable == null ? 2 : s.quantum_vulnerable ? 0 : 1,
      // Most and worst findings first when descending.
      findings: findings.length * 10 + (9 - worst),
    },
    container,
    protectionValue: s.protection ?? "unknown",
    quantumValue: s.quantum_vulnerable == null ? "unknown" : s.quantum_vulnerable ? "vulnerable" : "safe",
  };
}

const KEY_COLUMNS = [
  ["key", "Key"],
  ["provider", "Provider"],
  ["algorithm", "Algorithm"],
  ["protection", "Protection"],
  ["rotation", "Rotation"],
  ["quantum", "Quantum"],
  ["findings", "Findings"],
];

function visibleKeys() {
  const k = state.keys;
  const needle = k.text.trim().toLowerCase();
  const rows = (state.report?.keys ?? []).filter((a) => a.kind === "key").map(keyRow);
  const shown = rows.filter(
    (r) =>
      (!k.protection || r.protectionValue === k.protection) &&
      (!k.quantum || r.quantumValue === k.quantum) &&
      (!needle ||
        [...Object.values(r.cells), r.key.file, r.key.type, r.container?.resource ?? "", ...r.findings.map((f) => f.rule)]
          .join(" ")
          .toLowerCase()
          .includes(needle)),
  );
  const dir = k.descending ? -1 : 1;
  shown.sort((a, b) => {
    const x = a.sort[k.sort];
    const y = b.sort[k.sort];
    return (x < y ? -1 : x > y ? 1 : 0) * dir || (a.cells.key < b.cells.key ? -1 : a.cells.key > b.cells.key ? 1 : 0);
  });
  return { rows, shown };
}

function renderKeys() {
  const all = (state.report?.keys ?? []).filter((a) => a.kind === "key").length;
  fill($("keys-count"), all ? String(all) : "");
  if (!state.keys.shown) return;
  const { rows, shown } = visibleKeys();
  fill(
    $("keys-head"),
    KEY_COLUMNS.map(([id, label]) =>
      h(
        "th",
        {
          scope: "col",
          dataset: { column: id },
          "aria-sort": state.keys.sort === id ? (state.keys.descending ? "descending" : "ascending") : null,
        },
        h(
          "button",
          {
            type: "button",
            class: "sort",
            onclick: () => {
              if (state.keys.sort === id) state.keys.descending = !state.keys.descending;
              else Object.assign(state.keys, { sort: id, descending: false });
              renderKeys();
            },
          },
          label,
          state.keys.sort === id ? (state.keys.descending ? " ▼" : " ▲") : "",
        ),
      ),
    ),
  );
  fill(
    $("keys-body"),
    shown.map((r) =>
      h(
        "tr",
        { class: "key-row", dataset: { ref: r.key.ref, quantum: r.quantumValue, protection: r.protectionValue } },
        h(
          "th",
          { scope: "row" },
          h(
            "button",
            { type: "button", class: "jump", title: `${r.key.file}:${r.key.line}`, onclick: () => showKey(r.key) },
            h("code", {}, r.cells.key),
          ),
          h("span", { class: "loc" }, `${r.key.file}:${r.key.line}`),
          r.container ? h("span", { class: "container" }, `in ${r.container.resource}`) : null,
        ),
        h("td", {}, r.cells.provider),
        h("td", {}, r.cells.algorithm),
        h("td", { class: `protection-${r.protectionValue}` }, r.cells.protection),
        h("td", {}, r.cells.rotation),
        h("td", { class: `quantum-${r.quantumValue}` }, r.cells.quantum),
        h(
          "td",
          { class: "key-findings" },
          r.findings.length
            ? h(
                "ul",
                {},
                r.findings.map((f) =>
                  h("li", {}, h("span", { class: `sev sev-${f.severity}` }, f.severity), " ", h("code", { class: "rule" }, f.rule)),
                ),
              )
            : "none",
        ),
      ),
    ),
  );
  fill($("keys-shown"), rows.length === shown.length ? `${rows.length} key${rows.length === 1 ? "" : "s"}` : `showing ${shown.length} of ${rows.length} keys`);
  if (!rows.length) fill($("keys-body"), h("tr", {}, h("td", { colspan: KEY_COLUMNS.length, class: "none" }, "No keys declared.")));
}

function showView(keys) {
  state.keys.shown = keys;
  document.querySelector("main.layout").hidden = keys;
  $("keys-view").hidden = !keys;
  $("view-review").setAttribute("aria-pressed", String(!keys));
  $("view-keys").setAttribute("aria-pressed", String(keys));
  renderKeys();
}

function showKey(key) {
  showView(false);
  select(key.file, key.line, key.column);
}

const dirOf = (path) => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");
const baseName = (path) => path.slice(path.lastIndexOf("/") + 1);

function renderFiles() {
  const counts = new Map();
  for (const f of state.report?.findings ?? []) counts.set(f.file, (counts.get(f.file) ?? 0) + 1);
  const groups = new Map();
  for (const f of state.files) {
    const d = dirOf(f.path);
    if (!groups.has(d)) groups.set(d, []);
    groups.get(d).push(f);
  }
  const fileItem = (f) => {
    const n = counts.get(f.path) ?? 0;
    const skipped = !f.format;
    return h(
      "li",
      { class: skipped ? "file skipped" : "file", dataset: { path: f.path } },
      h(
        "button",
        {
          type: "button",
          class: "open",
          "aria-current": f.path === state.current ? "true" : null,
          "aria-label": `${f.path}${skipped ? ", skipped" : n ? `, ${n} finding${n === 1 ? "" : "s"}` : ""}`,
          disabled: f.text == null,
          title: skipped ? `${f.path}: skipped, ${f.skipped ?? "not read"}` : `${f.path}: ${(FORMAT_LABEL[f.format] ?? f.format)}`,
          onclick: () => openFile(f.path),
        },
        h("span", { class: "path" }, baseName(f.path)),
        skipped ? h("span", { class: "badge skipped-badge" }, "skipped") : n ? h("span", { class: "badge count" }, String(n)) : null,
      ),
      h("button", { type: "button", class: "remove", "aria-label": `Remove ${f.path}`, title: `Remove ${f.path}`, onclick: () => removeFile(f.path) }, "×"),
      skipped && f.skipped ? h("span", { class: "reason" }, f.skipped) : null,
    );
  };
  fill(
    $("file-list"),
    [...groups].map(([dir, files]) =>
      h("li", { class: "dir" }, h("span", { class: "dir-name" }, dir ? `${dir}/` : "./"), h("ul", {}, files.map(fileItem))),
    ),
  );
}

function renderSummary() {
  const r = state.report;
  if (!r) {
    fill($("summary"), state.files.length ? "" : "No files yet.");
    return;
  }
  const read = state.files.filter((f) => f.format).length;
  const skipped = state.files.length - read;
  const by = SEVERITIES.filter((s) => r.summary.by_severity[s]).map((s) => h("span", { class: `sev sev-${s}` }, `${r.summary.by_severity[s]} ${s}`));
  const shown = visibleFindings().length;
  fill(
    $("summary"),
    h("strong", {}, `${r.summary.findings} finding${r.summary.findings === 1 ? "" : "s"}`),
    by.length ? " " : "",
    by.flatMap((el, i) => (i ? [" ", el] : [el])),
    h("br"),
    `${read} file${read === 1 ? "" : "s"} read, ${skipped} skipped`,
    r.summary.errors ? `, ${r.summary.errors} error${r.summary.errors === 1 ? "" : "s"}` : "",
    r.summary.suppressed ? `, ${r.summary.suppressed} suppressed` : "",
    ` · profile ${r.summary.profile}`,
    shown !== r.summary.findings ? h("span", { class: "shown" }, ` · showing ${shown}`) : "",
  );
}

function renderFilters() {
  const findings = state.report?.findings ?? [];
  const count = (pred) => findings.filter(pred).length;
  for (const s of SEVERITIES) {
    const label = document.querySelector(`#severity-filter label[data-value="${s}"] .n`);
    if (label) fill(label, String(count((f) => f.severity === s)));
  }
  for (const p of PROVIDERS) {
    const label = document.querySelector(`#provider-filter label[data-value="${p}"] .n`);
    if (label) fill(label, String(count((f) => providerOf(f.rule) === p)));
  }
}

function buildFilters() {
  const make = (fieldset, values, set) => {
    for (const v of values) {
      fieldset.append(
        h(
          "label",
          { class: `check sev-${v}`, dataset: { value: v } },
          h("input", {
            type: "checkbox",
            name: fieldset.id,
            value: v,
            checked: true,
            onchange: (e) => {
              if (e.target.checked) set.add(v);
              else set.delete(v);
              renderSummary();
              renderFindings();
              applyDiagnostics();
            },
          }),
          ` ${v} `,
          h("span", { class: "n" }),
        ),
      );
    }
  };
  make($("severity-filter"), SEVERITIES, state.severities);
  make($("provider-filter"), PROVIDERS, state.providers);
}

function renderErrors() {
  // Errors (files that could not be read), then notes (what was deliberately not read).
  const errors = [
    ...(state.report?.errors ?? []).map((e) => ({ ...e, kind: "error" })),
    ...(state.report?.notes ?? []).map((e) => ({ ...e, kind: "note" })),
  ];
  fill(
    $("errors"),
    errors.map((e) =>
      h(
        "li",
        { class: e.kind, dataset: { file: e.file, line: e.line != null ? String(e.line) : "" } },
        h(
          "button",
          { type: "button", class: "jump", onclick: () => select(e.file, e.line ?? 1, e.column ?? 1) },
          h("span", { class: `sev sev-${e.kind}` }, e.kind),
          h("span", { class: "message" }, messageNodes(e.message)),
          h("span", { class: "loc" }, e.line != null ? `${e.file}:${e.line}` : e.file),
        ),
      ),
    ),
  );
}

function renderFindings() {
  const visible = visibleFindings();
  const items = visible.slice(0, LIST_LIMIT).map(({ f, i }) =>
    h(
      "li",
      { class: `finding sev-${f.severity}`, dataset: { rule: f.rule, file: f.file, line: String(f.line), severity: f.severity } },
      h(
        "button",
        {
          type: "button",
          class: "jump",
          dataset: { index: String(i) },
          "aria-current": i === state.selected ? "true" : null,
          onclick: () => jumpTo(i),
        },
        h("span", { class: `sev sev-${f.severity}` }, f.severity),
        h("code", { class: "rule" }, f.rule),
        h("span", { class: "message" }, messageNodes(f.message)),
        h("span", { class: "loc" }, `${f.file}:${f.line}`),
      ),
      h("button", { type: "button", class: "doc-link", "aria-label": `Documentation of ${f.rule}`, onclick: () => openDoc(f.rule) }, "Doc"),
    ),
  );
  if (visible.length > LIST_LIMIT) {
    items.push(h("li", { class: "more" }, `${visible.length - LIST_LIMIT} more not listed (download the report for all of them)`));
  }
  if (state.report && visible.length === 0) {
    items.push(h("li", { class: "none" }, state.report.findings.length ? "No finding matches the filters." : "No findings."));
  }
  fill($("findings"), items);
}

// ---------------------------------------------------------------------------- rule docs

/** The built-in rules' documents (keylint.wasm does not carry them): a chunk of the page
 * (wasm/rule-docs.mjs), loaded the first time one is needed. */
let ruleDocs;
function loadRuleDocs() {
  ruleDocs ??= import("keylint:rule-docs").then((m) => m.default);
  return ruleDocs;
}

async function openDoc(id) {
  const rule = state.rules.get(id);
  if (!rule) return;
  fill($("doc-title"), `${rule.id}: ${rule.title}`);
  fill($("doc-meta"), h("span", { class: `sev sev-${rule.severity}` }, rule.severity), ` default severity · provider ${rule.provider}`);
  fill($("doc-body"), h("p", {}, rule.help));
  const dialog = $("doc-dialog");
  if (!dialog.open) dialog.showModal();
  $("doc-body").scrollTop = 0;
  let doc = rule.doc;
  if (!doc) {
    try {
      doc = (await loadRuleDocs())[id];
    } catch (e) {
      status(`The rule documentation did not load: ${e.message}`, "error");
    }
  }
  // Another document may have been opened meanwhile; without a document, the help stays.
  if (!doc || $("doc-title").textContent !== `${rule.id}: ${rule.title}`) return;
  // The doc's own first heading repeats the dialog title.
  fill($("doc-body"), renderMarkdown(doc.replace(/^# [^\n]*\n+/, ""), { headingOffset: 1 }));
}

function openRules() {
  const byProvider = new Map(PROVIDERS.map((p) => [p, []]));
  for (const r of state.rules.values()) byProvider.get(r.provider)?.push(r);
  fill(
    $("rules-body"),
    [...byProvider].map(([p, rules]) => [
      h("h3", {}, `${p} (${rules.length})`),
      h(
        "ul",
        { class: "rule-list" },
        rules.map((r) =>
          h(
            "li",
            {},
            h(
              "button",
              { type: "button", class: "rule-button", dataset: { rule: r.id }, onclick: () => openDoc(r.id) },
              h("span", { class: `sev sev-${r.severity}` }, r.severity),
              h("code", {}, r.id),
              h("span", { class: "title" }, r.title),
            ),
          ),
        ),
      ),
    ]),
  );
  $("rules-dialog").showModal();
}

// ---------------------------------------------------------------------------- downloads and share

function download(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = h("a", { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function downloadJson() {
  if (!state.report) return;
  // The CLI's report, byte for byte: the notes and the key inventory the module adds beside
  // it are not part of it.
  const { notes: _notes, keys: _keys, ...report } = state.report;
  download("keylint.json", "application/json", JSON.stringify(report, null, 2) + "\n");
}

async function downloadSarif() {
  try {
    // The documents make each rule's help.markdown, as in the CLI's log.
    const docs = await loadRuleDocs();
    const log = state.keylint.lintSarif(inputs(), { profile: state.profile, docs });
    download("keylint.sarif", "application/sarif+json", JSON.stringify(log, null, 2) + "\n");
  } catch (e) {
    status(`SARIF failed: ${e.message}`, "error");
  }
}

function downloadCycloneDx() {
  try {
    const bom = state.keylint.lintCycloneDx(inputs(), { profile: state.profile });
    download("keylint.cdx.json", "application/vnd.cyclonedx+json", JSON.stringify(bom, null, 2) + "\n");
  } catch (e) {
    status(`CycloneDX failed: ${e.message}`, "error");
  }
}

async function share() {
  const files = inputs();
  const fragment = await encodeReview({ profile: state.profile, files });
  const url = location.href.split("#")[0] + fragment;
  const warning = $("share-warning");
  if (url.length > MAX_URL) {
    $("share-panel").hidden = false;
    $("share-url").value = "";
    warning.hidden = false;
    fill(warning, `This review is too large to share as a link (${Math.round(url.length / 1024)} KB compressed; browsers stop at 2 MB). Share the files instead.`);
    return;
  }
  state.lastHash = fragment;
  window.history.replaceState(null, "", fragment);
  $("share-url").value = url;
  $("share-panel").hidden = false;
  warning.hidden = url.length <= LONG_FRAGMENT;
  if (url.length > LONG_FRAGMENT) {
    fill(
      warning,
      `This link is ${Math.round(url.length / 1024)} KB long. Links over about 8 KB are often cut by chat tools, e-mail and some browsers: check that it opens, or share the files instead.`,
    );
  }
  $("share-url").select();
  status(`Link ready: ${files.length} file${files.length === 1 ? "" : "s"}, ${url.length} characters; nothing was uploaded.`);
}

async function copyShare() {
  const input = $("share-url");
  try {
    await navigator.clipboard.writeText(input.value);
    status("Link copied.");
  } catch {
    input.select();
    status("Copy the selected link with Ctrl+C (the clipboard was not available).");
  }
}

async function restore(hash) {
  try {
    const { profile, files } = await decodeReview(hash);
    state.lastHash = hash;
    state.files = [];
    state.current = null;
    setProfile(profile);
    review(files, `Opened a shared review: ${files.length} file${files.length === 1 ? "" : "s"}.`);
  } catch (e) {
    status(`This link does not hold a readable review (${e.message}).`, "error");
  }
}

function setProfile(profile) {
  const select = $("profile");
  if (![...select.options].some((o) => o.value === profile)) profile = "default";
  select.value = profile;
  state.profile = profile;
}

// ---------------------------------------------------------------------------- start

async function loadSamples() {
  const { default: samples } = await import("keylint:samples");
  review(samples, `Loaded ${samples.length} sample files (samples/ of the keylint repository).`);
}

function bind() {
  $("load-samples").addEventListener("click", () => loadSamples().catch((e) => status(`Samples failed: ${e.message}`, "error")));
  $("profile").addEventListener("change", (e) => {
    state.profile = e.target.value;
    lintNow();
  });
  $("show-rules").addEventListener("click", openRules);
  $("share").addEventListener("click", () => share().catch((e) => status(`Share failed: ${e.message}`, "error")));
  $("copy-share").addEventListener("click", copyShare);
  $("close-share").addEventListener("click", () => ($("share-panel").hidden = true));
  $("download-json").addEventListener("click", downloadJson);
  $("download-sarif").addEventListener("click", downloadSarif);
  $("download-cyclonedx").addEventListener("click", downloadCycloneDx);
  $("view-review").addEventListener("click", () => showView(false));
  $("view-keys").addEventListener("click", () => showView(true));
  $("keys-filter").addEventListener("input", (e) => {
    state.keys.text = e.target.value;
    renderKeys();
  });
  $("keys-protection").addEventListener("change", (e) => {
    state.keys.protection = e.target.value;
    renderKeys();
  });
  $("keys-quantum").addEventListener("change", (e) => {
    state.keys.quantum = e.target.value;
    renderKeys();
  });
  $("close-doc").addEventListener("click", () => $("doc-dialog").close());
  $("close-rules").addEventListener("click", () => $("rules-dialog").close());
  $("clear-files").addEventListener("click", clearFiles);
  for (const id of ["pick-files", "pick-folder"]) {
    $(id).addEventListener("change", async (e) => {
      const files = await filesFromInput(e.target);
      e.target.value = "";
      review(files, `Added ${files.length} file${files.length === 1 ? "" : "s"}.`);
    });
  }
  $("new-file").addEventListener("submit", (e) => {
    e.preventDefault();
    const text = $("new-file-text").value;
    let name = normalisePath($("new-file-name").value.trim());
    if (!name) name = /^\s*[{[]/.test(text) ? "pasted.json" : "pasted.tf";
    name = uniqueName(name);
    review([{ path: name, text }], `Added ${name}.`);
    openFile(name);
    $("new-file-text").value = "";
    $("new-file-name").value = "";
    $("new-file-box").open = false;
  });
  // Drops anywhere on the page.
  const zone = $("drop-zone");
  document.addEventListener("dragover", (e) => {
    if (![...(e.dataTransfer?.types ?? [])].includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    zone.classList.add("over");
  });
  document.addEventListener("dragleave", (e) => {
    if (e.relatedTarget == null) zone.classList.remove("over");
  });
  document.addEventListener("drop", (e) => {
    if (!e.dataTransfer?.files?.length && !e.dataTransfer?.items?.length) return;
    e.preventDefault();
    zone.classList.remove("over");
    filesFromDrop(e.dataTransfer)
      .then((files) => review(files, `Added ${files.length} dropped file${files.length === 1 ? "" : "s"}.`))
      .catch((err) => status(`Could not read the dropped files: ${err.message}`, "error"));
  });
  window.addEventListener("hashchange", () => {
    if (isReviewFragment(location.hash) && location.hash !== state.lastHash) restore(location.hash);
  });
}

async function start() {
  showEditor(false);
  try {
    state.keylint = await load(fetch("keylint.wasm"));
  } catch (e) {
    status(`keylint.wasm did not load: ${e.message}`, "error");
    return;
  }
  // For the browser console (and bench/wasm-browser.mjs): keylint.lint([{ path, text }]).
  globalThis.keylint = state.keylint;
  fill($("version"), `v${state.keylint.version()}`);
  for (const r of state.keylint.rules()) state.rules.set(r.id, r);
  const providers = new Set([...state.rules.values()].map((r) => r.provider));
  PROVIDERS = [...providers].sort((a, b) => (a === "common") - (b === "common") || (a < b ? -1 : a > b ? 1 : 0));
  for (const p of PROVIDERS) state.providers.add(p);
  buildFilters();
  bind();
  status(`keylint ${state.keylint.version()} runs in this page: your files never leave the browser.`);
  if (isReviewFragment(location.hash)) await restore(location.hash);
  renderAll();
  document.documentElement.dataset.ready = "true";
}

start();
