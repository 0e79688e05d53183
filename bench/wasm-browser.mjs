// Time keylint.lint on one file inside the review page in headless Chromium
// (/usr/bin/chromium through playwright-core from wasm/page/node_modules).
//
//   node bench/wasm-browser.mjs FILE [RUNS]     (after building wasm/page/dist)
//
// The page is served from 127.0.0.1 by this script; the file's text is handed to the page
// once, then `keylint.lint([{path, text}])` (JSON request, wasm call, JSON response, as
// the page itself calls it) is timed with performance.now() after three warm-up calls.
// A second line gives the median of each step of one call as keylint.js takes them
// (the text encoded into the module's memory, the small JSON request, the wasm call,
// decoding, JSON.parse), timed separately.
import { existsSync, readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { launch, repo, serve } from "./chromium.mjs";

const dist = join(repo, "wasm/page/dist");

const [file, runsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/wasm-browser.mjs FILE [RUNS]");
  process.exit(2);
}
const runs = Number(runsArg ?? 10);
const text = readFileSync(file, "utf8");
if (!existsSync(join(dist, "index.html"))) {
  console.error("wasm/page/dist is not built: run `node wasm/page/build.mjs`");
  process.exit(2);
}

const server = await serve((p) => [dist, p]);
const browser = await launch("keylint-bench-");
const context = browser.context;
try {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`http://127.0.0.1:${server.address().port}/`);
  await page.waitForSelector("html[data-ready]");
  const result = await page.evaluate(
    ({ path, text, runs }) => {
      const files = [{ path, text }];
      let findings = 0;
      for (let i = 0; i < 3; i++) findings = globalThis.keylint.lint(files).findings.length;
      const times = [];
      for (let i = 0; i < runs; i++) {
        const t = performance.now();
        globalThis.keylint.lint(files);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      // Where one call's time goes: the same steps as Keylint.respond, timed one by one
      // (median of each over the runs): the texts written into the module's memory, the
      // request (paths and options) as JSON, the wasm call, decoding and parsing the answer.
      const { memory, keylint_alloc, keylint_call_texts, keylint_free } = globalThis.keylint.exports;
      const steps = { encode: [], stringify: [], call: [], decode: [], parse: [] };
      for (let i = 0; i < runs; i++) {
        let t = performance.now();
        const size = text.length * 3;
        const textsPtr = keylint_alloc(size);
        const { written } = new TextEncoder().encodeInto(text, new Uint8Array(memory.buffer, textsPtr, size));
        steps.encode.push(-t + (t = performance.now()));
        const request = new TextEncoder().encode(
          JSON.stringify({ command: "lint", files: [{ path, text_span: [0, written] }], today: "2026-01-01", format: "json" }),
        );
        const ptr = keylint_alloc(request.length);
        new Uint8Array(memory.buffer, ptr, request.length).set(request);
        steps.stringify.push(-t + (t = performance.now()));
        const packed = BigInt.asUintN(64, keylint_call_texts(ptr, request.length, textsPtr, written));
        steps.call.push(-t + (t = performance.now()));
        keylint_free(ptr, request.length);
        keylint_free(textsPtr, size);
        const outPtr = Number(packed >> 32n);
        const outLen = Number(packed & 0xffffffffn);
        const answer = new TextDecoder().decode(new Uint8Array(memory.buffer, outPtr, outLen));
        keylint_free(outPtr, outLen);
        steps.decode.push(-t + (t = performance.now()));
        JSON.parse(answer);
        steps.parse.push(-t + (t = performance.now()));
      }
      const split = Object.fromEntries(
        Object.entries(steps).map(([k, v]) => [k, v.sort((a, b) => a - b)[Math.floor(v.length / 2)]]),
      );
      return { findings, best: times[0], median: times[Math.floor(times.length / 2)], split, version: navigator.userAgent };
    },
    { path: basename(file), text, runs },
  );
  const chrome = /Chrome\/([\d.]+)/.exec(result.version)?.[1] ?? "?";
  console.log(
    `chromium ${chrome}: ${Buffer.byteLength(text)} bytes, ${result.findings} findings, ${runs} runs: best ${result.best.toFixed(1)} ms, median ${result.median.toFixed(1)} ms`,
  );
  console.log(
    `chromium ${chrome}, median of each step: ` +
      Object.entries(result.split).map(([k, v]) => `${k} ${v.toFixed(1)} ms`).join(", "),
  );
} finally {
  await browser.close();
  server.close();
}
