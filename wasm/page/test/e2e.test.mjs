// The review page in a real browser: Debian's Chromium (/usr/bin/chromium) driven by
// playwright-core, over a static server on 127.0.0.1 that this test starts. Expected
// findings come from the CLI at test time (target/debug/keylint, or KEYLINT_BIN).
//
//   node --test wasm/page/test/       (after `node wasm/page/build.mjs`)
//
// Fails (never skips) when Chromium or the built page is missing. Fails on any request
// that leaves the server's origin, any CSP violation, and any console error.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..", "..", "..");
const dist = resolve(here, "..", "dist");
const CHROMIUM = process.env.KEYLINT_CHROMIUM ?? "/usr/bin/chromium";
const cli = process.env.KEYLINT_BIN ?? join(repo, "target/debug/keylint");
const artifacts = join(repo, "target/e2e");

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".txt": "text/plain; charset=utf-8",
};

let server;
let sentinel;
let origin;
/** Requests Chromium itself tried to send off the machine (through the sentinel proxy). */
const offMachine = [];
let context;
let page;
let userDataDir;
const requests = [];
const problems = []; // console errors, page errors, CSP violations

function keylint(...args) {
  try {
    return execFileSync(cli, args, { cwd: repo, encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (e) {
    if (e.status === 1) return e.stdout; // findings
    throw e;
  }
}

const expected = (report) =>
  report.findings.map((f) => ({
    rule: f.rule,
    file: f.file,
    line: f.line,
    severity: f.severity,
    message: f.message.replaceAll("`", ""),
  }));

async function listed(p = page) {
  return p.$$eval("#findings li.finding", (items) =>
    items.map((li) => ({
      rule: li.dataset.rule,
      file: li.dataset.file,
      line: Number(li.dataset.line),
      severity: li.dataset.severity,
      message: li.querySelector(".message").textContent,
    })),
  );
}

/** The text of a finding's span in `text`, from its lines and UTF-16 columns. */
function spanText(text, f) {
  const lines = text.split("\n");
  const offset = (line, column) => lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0) + column - 1;
  return text.slice(offset(f.line, f.column_utf16), offset(f.end_line, f.end_column_utf16));
}

/** Wait until the page has linted more often than `before` times. */
async function lintedAfter(before, p = page) {
  await p.waitForFunction((n) => Number(document.documentElement.dataset.lints ?? 0) > n, before);
}
const lints = (p = page) => p.evaluate(() => Number(document.documentElement.dataset.lints ?? 0));

function watch(p) {
  p.on("console", (m) => {
    if (m.type() === "error") problems.push(`console error: ${m.text()}`);
  });
  p.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  p.on("request", (r) => requests.push(r.url()));
}

async function openPage(url) {
  const p = await context.newPage();
  await p.goto(url);
  await p.waitForSelector("html[data-ready]");
  return p;
}

before(async () => {
  assert.ok(
    existsSync(CHROMIUM),
    `${CHROMIUM} is missing: install Debian's Chromium (apt-get install -y --no-install-recommends chromium); scripts/test.sh does this`,
  );
  assert.ok(existsSync(join(dist, "index.html")) && existsSync(join(dist, "keylint.wasm")), "wasm/page/dist is not built: run `node wasm/page/build.mjs`");
  assert.ok(existsSync(cli), `${cli} is missing: build the CLI (cargo build -p keylint_cli) or set KEYLINT_BIN`);

  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const file = resolve(dist, "." + (path.endsWith("/") ? path + "index.html" : path));
    if (req.method !== "GET" || !(file + sep).startsWith(dist + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("not found");
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(readFileSync(file));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  origin = `http://127.0.0.1:${server.address().port}`;

  // Every request for a host other than loopback goes to this "proxy", which records it
  // and answers nothing, so nothing leaves the machine, the page's requests or Chromium's
  // own (Debian's /usr/bin/chromium wrapper sets Google API keys, so Chromium itself asks
  // for autofill hints, accounts and updates; those never come from the page).
  sentinel = createTcpServer((socket) => {
    socket.once("data", (d) => offMachine.push(d.toString("latin1").split("\r\n")[0]));
    socket.on("error", () => {});
    setTimeout(() => socket.destroy(), 100);
  });
  await new Promise((ok) => sentinel.listen(0, "127.0.0.1", ok));

  userDataDir = mkdtempSync(join(tmpdir(), "keylint-e2e-"));
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      // Loopback bypasses a proxy in Chromium; everything else would reach the sentinel.
      `--proxy-server=http://127.0.0.1:${sentinel.address().port}`,
    ],
    viewport: { width: 1440, height: 900 },
    acceptDownloads: true,
  });
  context.on("request", (r) => requests.push(r.url()));
  context.on("page", watch);
  // Every page reports CSP violations as problems.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  for (const p of context.pages()) await p.close();
  page = await openPage(`${origin}/`);
});

after(async () => {
  await context?.close();
  server?.close();
  sentinel?.close();
  if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
});

test("the samples give the CLI's findings", async () => {
  const cliReport = JSON.parse(keylint("check", "samples", "--format", "json"));
  assert.ok(cliReport.findings.length > 20);
  await page.getByRole("button", { name: "Load samples" }).click();
  await page.waitForSelector("#findings li.finding");
  assert.deepEqual(await listed(), expected(cliReport));
  const summary = await page.textContent("#summary");
  assert.match(summary, new RegExp(`${cliReport.summary.findings} findings`));
  assert.match(summary, new RegExp(`${cliReport.summary.files} files read, 0 skipped`));
  assert.equal(await page.locator("#errors li").count(), 0);
});

test("clicking a finding opens its file and marks its line", async () => {
  const cliReport = JSON.parse(keylint("check", "samples", "--format", "json"));
  // A finding in a file other than the one open, well down the file.
  const target = cliReport.findings.find((f) => f.file.endsWith("gcp/bad/main.tf") && f.line > 20);
  assert.ok(target, "a gcp/bad/main.tf finding below line 20");
  const item = page.locator(`#findings li.finding[data-rule="${target.rule}"][data-file="${target.file}"][data-line="${target.line}"]`).first();
  await item.locator("button.jump").click();
  assert.equal((await page.textContent("#editor-title")).trim(), target.file);
  // The cursor line is the finding's line; the line carries a lint mark and gutter marker.
  assert.equal((await page.locator(".cm-activeLineGutter").first().textContent()).trim(), String(target.line));
  assert.equal(await page.textContent("#cursor"), `Ln ${target.end_line}, Col ${target.end_column_utf16}`);
  assert.ok((await page.locator(".cm-activeLine .cm-lintRange").count()) > 0 || target.end_line > target.line, "the active line has a lint mark");
  const markerLines = await page.$$eval(".cm-gutter-lint .cm-gutterElement", (els) =>
    els.filter((e) => e.querySelector(".cm-lint-marker")).map((e) => e.getBoundingClientRect().top),
  );
  const lineTop = await page.locator(".cm-lineNumbers .cm-gutterElement", { hasText: new RegExp(`^${target.line}$`) }).evaluate((e) => e.getBoundingClientRect().top);
  assert.ok(markerLines.includes(lineTop), "a lint gutter marker stands on the finding's line");
  // The selection is the finding's span (UTF-16 columns, as the editor counts).
  const selected = await page.evaluate(() => document.getElementById("editor").shadowRoot.getSelection().toString());
  assert.ok(selected.length > 0);
  assert.equal(selected, spanText(readFileSync(join(repo, target.file), "utf8"), target));
});

test("severity filter shows exactly the chosen severities", async () => {
  const cliReport = JSON.parse(keylint("check", "samples", "--format", "json"));
  for (const s of ["medium", "low", "info"]) await page.getByRole("checkbox", { name: new RegExp(`^${s} `) }).uncheck();
  const want = expected(cliReport).filter((f) => f.severity === "critical" || f.severity === "high");
  assert.ok(want.length > 0 && want.length < cliReport.findings.length);
  assert.deepEqual(await listed(), want);
  assert.match(await page.textContent("#summary"), new RegExp(`showing ${want.length}`));
  // Provider filter on top: only Azure (the providers are the rules' own).
  const rules = JSON.parse(keylint("rules", "--format", "json"));
  const provider = new Map(rules.map((r) => [r.id, r.provider]));
  const others = [...new Set(provider.values())].filter((p) => p !== "azure");
  assert.equal(await page.locator("#provider-filter input").count(), others.length + 1);
  for (const p of others) await page.getByRole("checkbox", { name: new RegExp(`^${p} `) }).uncheck();
  assert.deepEqual(
    await listed(),
    want.filter((f) => provider.get(f.rule) === "azure"),
  );
  for (const s of ["medium", "low", "info"]) await page.getByRole("checkbox", { name: new RegExp(`^${s} `) }).check();
  for (const p of others) await page.getByRole("checkbox", { name: new RegExp(`^${p} `) }).check();
  assert.equal((await listed()).length, cliReport.findings.length);
});

test("a rule's documentation opens from a finding and from the rule list", async () => {
  const cliReport = JSON.parse(keylint("check", "samples", "--format", "json"));
  const f = cliReport.findings[0];
  await page.getByRole("button", { name: `Documentation of ${f.rule}` }).first().click();
  const dialog = page.locator("#doc-dialog");
  await dialog.waitFor({ state: "visible" });
  assert.equal(await page.textContent("#doc-title"), `${f.rule}: ${f.title}`);
  assert.ok(await dialog.getByRole("heading", { name: "How to fix" }).isVisible());
  await page.keyboard.press("Escape");
  await dialog.waitFor({ state: "hidden" });

  await page.getByRole("button", { name: "Rules", exact: true }).click();
  await page.locator("#rules-dialog").waitFor({ state: "visible" });
  const rules = JSON.parse(keylint("rules", "--format", "json"));
  assert.equal(await page.locator("#rules-dialog button.rule-button").count(), rules.length);
  const rule = rules.find((r) => r.id === "gcp-kms-public-access");
  await page.locator(`#rules-dialog button.rule-button[data-rule="${rule.id}"]`).click();
  assert.equal(await page.textContent("#doc-title"), `${rule.id}: ${rule.title}`);
  await page.keyboard.press("Escape");
  await page.keyboard.press("Escape");
  await page.locator("#rules-dialog").waitFor({ state: "hidden" });
});

test("a profile re-lints with its thresholds", async () => {
  const cliReport = JSON.parse(keylint("check", "samples", "--format", "json", "--profile", "pci-dss"));
  const n = await lints();
  await page.getByLabel("Profile").selectOption("pci-dss");
  await lintedAfter(n);
  assert.deepEqual(await listed(), expected(cliReport));
  const m = await lints();
  await page.getByLabel("Profile").selectOption("default");
  await lintedAfter(m);
});

test("downloads: JSON and SARIF equal the CLI's output byte for byte", async () => {
  for (const [button, format] of [["Download JSON", "json"], ["Download SARIF", "sarif"]]) {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: button }).click()]);
    const text = readFileSync(await download.path(), "utf8");
    assert.equal(text, keylint("check", "samples", "--format", format), `${format} download`);
  }
});

test("keys view: every declared key, sortable, filterable, and the CycloneDX download", async () => {
  const bomText = keylint("check", "samples", "--format", "cyclonedx");
  const bom = JSON.parse(bomText);
  const keys = bom.components.filter((c) => c["bom-ref"].startsWith("key:"));
  assert.ok(keys.length >= 5, `samples declare keys (${keys.length})`);
  await page.getByRole("button", { name: /^Keys/ }).click();
  await page.locator("#keys-view").waitFor({ state: "visible" });
  assert.ok(await page.locator("main.layout").isHidden());
  const rows = () => page.$$eval("#keys-body tr.key-row", (trs) => trs.map((tr) => ({ ref: tr.dataset.ref, protection: tr.dataset.protection, name: tr.querySelector("th code").textContent, findings: tr.querySelectorAll(".key-findings li").length })));
  // Every key of the BOM, one row each (bom-ref `key:<ref>`).
  let got = await rows();
  assert.deepEqual(got.map((r) => `key:${r.ref}`).sort(), keys.map((k) => k["bom-ref"]).sort());
  // A key's findings are the CLI's findings on that resource.
  const cliReport = JSON.parse(keylint("check", "samples", "--format", "json"));
  for (const k of keys) {
    const want = k.properties.filter((p) => p.name === "keylint:finding").length;
    const row = got.find((r) => `key:${r.ref}` === k["bom-ref"]);
    assert.equal(row.findings, want, k["bom-ref"]);
  }
  assert.ok(got.some((r) => r.findings > 0) && cliReport.findings.length > 0);
  // Sorted by key name, then descending; then by findings, most first.
  const names = got.map((r) => r.name);
  assert.deepEqual(names, [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  await page.locator('#keys-head th[data-column="key"] button').click();
  assert.equal(await page.getAttribute('#keys-head th[data-column="key"]', "aria-sort"), "descending");
  assert.deepEqual((await rows()).map((r) => r.name), [...names].reverse());
  await page.locator('#keys-head th[data-column="findings"] button').click();
  await page.locator('#keys-head th[data-column="findings"] button').click();
  const byFindings = (await rows()).map((r) => r.findings);
  assert.deepEqual(byFindings, [...byFindings].sort((a, b) => b - a));
  // Filters: protection, then text.
  const software = keys.filter((k) => k.cryptoProperties.relatedCryptoMaterialProperties.securedBy?.mechanism === "Software");
  assert.ok(software.length > 0);
  await page.locator("#keys-protection").selectOption("software");
  got = await rows();
  assert.equal(got.length, software.length);
  assert.ok(got.every((r) => r.protection === "software"));
  assert.match(await page.textContent("#keys-shown"), new RegExp(`showing ${software.length} of ${keys.length} keys`));
  await page.locator("#keys-protection").selectOption("");
  const one = keys[0].name;
  await page.getByLabel("Filter").fill(one);
  got = await rows();
  assert.ok(got.length >= 1 && got.every((r) => r.name.includes(one) || r.ref.includes(one)));
  await page.getByLabel("Filter").fill("");
  assert.equal((await rows()).length, keys.length);
  // The download is the CLI's BOM, byte for byte (the same Rust writer, dated today in UTC).
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download CycloneDX" }).click()]);
  assert.equal(readFileSync(await download.path(), "utf8"), bomText);
  // A key opens its file at its declaration, in the review view.
  const first = (await rows())[0];
  const key = keys.find((k) => k["bom-ref"] === `key:${first.ref}`);
  const occurrence = key.evidence.occurrences[0];
  await page.locator(`#keys-body tr.key-row[data-ref="${first.ref}"] button.jump`).click();
  await page.locator("main.layout").waitFor({ state: "visible" });
  assert.equal((await page.textContent("#editor-title")).trim(), occurrence.location);
  assert.equal((await page.locator(".cm-activeLineGutter").first().textContent()).trim(), String(occurrence.line));
});

test("share: the link restores the review in a new page", async () => {
  const cliReport = JSON.parse(keylint("check", "samples", "--format", "json"));
  await page.getByRole("button", { name: "Share" }).click();
  await page.locator("#share-panel").waitFor({ state: "visible" });
  const url = await page.inputValue("#share-url");
  assert.ok(url.startsWith(`${origin}/#review=`), url.slice(0, 80));
  assert.equal(await page.evaluate(() => location.hash.length), url.length - `${origin}/`.length);
  const other = await openPage(url);
  await other.waitForSelector("#findings li.finding");
  assert.deepEqual(await listed(other), expected(cliReport));
  await other.close();
  await page.getByRole("button", { name: "Close the share panel" }).click();
});

test("pasted text is linted, and re-linted after an edit", async () => {
  const p = await openPage(`${origin}/`);
  const snippet = [
    'resource "aws_kms_key" "pasted" {',
    '  description             = "pasted key"',
    "  enable_key_rotation     = true",
    "  deletion_window_in_days = 7",
    "}",
    "",
  ].join("\n");
  await p.getByText("Paste text as a new file").click();
  await p.getByLabel("File name").fill("paste/main.tf");
  await p.getByLabel("Text", { exact: true }).fill(snippet);
  await p.getByRole("button", { name: "Add file" }).click();
  const item = p.locator('#findings li.finding[data-rule="aws-kms-short-deletion-window"]');
  await item.waitFor();
  assert.equal(await item.getAttribute("data-file"), "paste/main.tf");
  assert.equal(await item.getAttribute("data-line"), "4");
  await item.locator("button.jump").click();
  assert.equal((await p.locator(".cm-activeLineGutter").first().textContent()).trim(), "4");
  // A file keylint does not read is listed as skipped.
  await p.getByText("Paste text as a new file").click();
  await p.getByLabel("File name").fill("notes.txt");
  await p.getByLabel("Text", { exact: true }).fill("deletion_window_in_days = 7");
  await p.getByRole("button", { name: "Add file" }).click();
  await p.locator('#file-list li.file.skipped[data-path="notes.txt"]').waitFor();
  // Edit the Terraform file in the editor: the finding goes away after the debounce.
  await p.locator('#file-list li.file[data-path="paste/main.tf"] button.open').click();
  await p.locator(".cm-content").click();
  await p.keyboard.press("Control+A");
  await p.keyboard.insertText(snippet.replace("= 7", "= 30"));
  await item.waitFor({ state: "detached" });
  assert.match(await p.textContent("#summary"), /0 findings/);
  await p.close();
});

test("a folder from the picker and a dropped file are linted", async () => {
  const p = await openPage(`${origin}/`);
  // <input webkitdirectory>: paths are relative to the chosen folder's parent.
  await p.locator("#pick-folder").setInputFiles(join(repo, "samples", "gcp", "bad"));
  await p.waitForSelector("#findings li.finding");
  const cliReport = JSON.parse(keylint("check", "samples/gcp/bad", "--format", "json"));
  const want = expected(cliReport).map((f) => ({ ...f, file: f.file.replace(/^samples\/gcp\//, "") }));
  assert.deepEqual(await listed(p), want);
  // A drop: files of a synthetic DataTransfer (a real folder drop needs a real drag).
  const n = await lints(p);
  await p.evaluate(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['resource "aws_kms_key" "dropped" {\n  deletion_window_in_days = 7\n}\n'], "dropped.tf"));
    dt.items.add(new File(["not keylint's"], "notes.md"));
    document.getElementById("drop-zone").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  });
  await lintedAfter(n, p);
  await p.locator('#findings li.finding[data-file="dropped.tf"][data-rule="aws-kms-short-deletion-window"][data-line="2"]').waitFor();
  await p.locator('#file-list li.file.skipped[data-path="notes.md"]').waitFor();
  await p.close();
});

test("screenshot, no request off 127.0.0.1, no CSP violation or console error", async (t) => {
  // Back to a finding for the picture.
  await page.locator("#findings li.finding button.jump").nth(2).click();
  mkdirSync(artifacts, { recursive: true });
  await page.screenshot({ path: join(artifacts, "review-page.png") });
  const foreign = requests.filter((u) => !u.startsWith(`${origin}/`) && !u.startsWith("data:") && !u.startsWith("blob:"));
  assert.deepEqual(foreign, [], "requests that left the local server");
  // Chromium's own attempts (stopped at the sentinel): recorded, not the page's doing.
  const hosts = [...new Set(offMachine.map((l) => l.split(" ")[1]?.replace(/^https?:\/\//, "").replace(/[/:].*$/, "")))].sort();
  writeFileSync(join(artifacts, "chromium-own-requests.txt"), offMachine.join("\n") + "\n");
  t.diagnostic(`Chromium's own requests stopped at the sentinel proxy: ${offMachine.length} (${hosts.join(", ") || "none"})`);
  assert.ok(requests.some((u) => u.endsWith("/keylint.wasm")));
  assert.deepEqual(problems, []);
});
