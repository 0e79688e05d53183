// Build the review page into wasm/page/dist: bundle and minify the script and the style
// sheet with esbuild, copy index.html and keylint.wasm, and embed the repository's
// samples/ and the rules' documentation (which keylint.wasm does not carry) as lazily
// imported chunks (so "Load samples" and a rule's document need no request but the
// page's own files).
//
//   node build.mjs [--wasm PATH]     (or KEYLINT_WASM=PATH; default ../keylint.wasm)
import * as esbuild from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ruleDocs } from "../rule-docs.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, "..", "..");
const dist = join(here, "dist");
const flag = process.argv.indexOf("--wasm");
const wasm = flag > 0 ? process.argv[flag + 1] : (process.env.KEYLINT_WASM ?? join(here, "..", "keylint.wasm"));

if (!existsSync(wasm)) {
  console.error(`${relative(process.cwd(), wasm)} is missing: run scripts/build-wasm.sh first (or pass --wasm PATH)`);
  process.exit(2);
}

/** Every file under samples/ but its README, with its repository-relative path, sorted. */
function samples(dir = join(repo, "samples")) {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) return samples(p);
      const path = relative(repo, p).split(sep).join("/");
      return path === "samples/README.md" ? [] : [{ path, text: readFileSync(p, "utf8") }];
    });
}

const samplesPlugin = {
  name: "keylint-samples",
  setup(build) {
    build.onResolve({ filter: /^keylint:samples$/ }, () => ({ path: "samples", namespace: "keylint-samples" }));
    build.onLoad({ filter: /.*/, namespace: "keylint-samples" }, () => ({
      contents: JSON.stringify(samples()),
      loader: "json",
      watchFiles: samples().map((s) => join(repo, s.path)),
    }));
  },
};

const ruleDocsPlugin = {
  name: "keylint-rule-docs",
  setup(build) {
    const policies = join(repo, "policies");
    build.onResolve({ filter: /^keylint:rule-docs$/ }, () => ({ path: "rule-docs", namespace: "keylint-rule-docs" }));
    build.onLoad({ filter: /.*/, namespace: "keylint-rule-docs" }, () => ({
      contents: JSON.stringify(ruleDocs(policies)),
      loader: "json",
    }));
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

const result = await esbuild.build({
  entryPoints: { main: join(here, "src", "main.js"), style: join(here, "src", "style.css") },
  bundle: true,
  splitting: true,
  format: "esm",
  minify: true,
  target: ["chrome111", "firefox113", "safari16.4"],
  chunkNames: "[name]-[hash]",
  outdir: dist,
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
  plugins: [samplesPlugin, ruleDocsPlugin],
});

copyFileSync(join(here, "src", "index.html"), join(dist, "index.html"));
copyFileSync(wasm, join(dist, "keylint.wasm"));

let raw = 0;
let gz = 0;
const rows = [];
for (const name of readdirSync(dist).sort()) {
  const bytes = readFileSync(join(dist, name));
  const z = gzipSync(bytes, { level: 9 }).length;
  rows.push(`  ${name.padEnd(28)} ${String(bytes.length).padStart(9)} B  ${String(z).padStart(8)} B gzip`);
  if (name !== "keylint.wasm") {
    raw += bytes.length;
    gz += z;
  }
}
console.log(`wasm/page/dist:\n${rows.join("\n")}`);
console.log(`page without keylint.wasm: ${raw} B raw, ${gz} B gzip`);
if (process.env.KEYLINT_METAFILE) writeFileSync(process.env.KEYLINT_METAFILE, JSON.stringify(result.metafile));
