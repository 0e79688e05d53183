// The built-in rules' documentation, which keylint.wasm does not carry: each rule folder's
// `doc.md` (policies/<provider>/<id>/doc.md), by rule id, as the CLI embeds it. The review
// page's build bundles it as a chunk the page loads when it first shows a document or
// writes a SARIF log (`lintSarif(files, { docs })`); the Node.js tests read it the same way.
// A test checks that it documents exactly the rules of the module.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** `{ [ruleId]: markdown }` of every rule folder under `policiesDir`, sorted by id. */
export function ruleDocs(policiesDir) {
  const docs = {};
  const folders = readdirSync(policiesDir)
    .map((provider) => join(policiesDir, provider))
    .filter((p) => statSync(p).isDirectory())
    .flatMap((p) => readdirSync(p).map((id) => [id, join(p, id)]))
    .filter(([, dir]) => statSync(dir).isDirectory())
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [id, dir] of folders) {
    docs[id] = readFileSync(join(dir, "doc.md"), "utf8");
  }
  return docs;
}

// `node wasm/rule-docs.mjs OUT`: write the documents as JSON (scripts/build-wasm.sh writes
// wasm/rule-docs.json beside keylint.wasm).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { writeFileSync } = await import("node:fs");
  const { dirname: dir } = await import("node:path");
  const { fileURLToPath } = await import("node:url");
  const policies = join(dir(fileURLToPath(import.meta.url)), "..", "policies");
  const out = process.argv[2];
  const json = JSON.stringify(ruleDocs(policies)) + "\n";
  if (out) writeFileSync(out, json);
  else process.stdout.write(json);
}
