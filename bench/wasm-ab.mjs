// A/B timing of two builds of the review page (each with its keylint.wasm) in one headless
// Chromium (/usr/bin/chromium through playwright-core from wasm/page/node_modules):
//
//   node bench/wasm-ab.mjs DIST_A DIST_B FILE [ROUNDS] [RUNS]
//
// Both pages are loaded side by side; each round times RUNS calls of
// `keylint.lint([{path, text}])` in A, then in B (the order alternates every round), after
// three warm-up calls in each. Prints the best and median of each and the ratio B/A of the
// medians, so that a change is judged under the same machine load as its baseline (on a
// shared machine absolute times move by a third from minute to minute). Both pages must
// give the same number of findings.
import { existsSync, readFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { launch, repo, serve } from "./chromium.mjs";


const [a, b, file, roundsArg, runsArg] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/wasm-ab.mjs DIST_A DIST_B FILE [ROUNDS] [RUNS]");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 10);
const runs = Number(runsArg ?? 5);
const dists = [resolve(a), resolve(b)];
for (const d of dists) {
  if (!existsSync(join(d, "index.html"))) {
    console.error(`${d} holds no built page (node wasm/page/build.mjs, then copy wasm/page/dist)`);
    process.exit(2);
  }
}
const text = readFileSync(file, "utf8");

const server = await serve((p) => { const m = /^\/([01])(\/.*)$/.exec(p); return m ? [dists[Number(m[1])], m[2]] : null; });
const browser = await launch("keylint-ab-");
const context = browser.context;
const median = (v) => [...v].sort((x, y) => x - y)[Math.floor(v.length / 2)];
try {
  const pages = [];
  for (const i of [0, 1]) {
    const page = i === 0 ? (context.pages()[0] ?? (await context.newPage())) : await context.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/${i}/`);
    await page.waitForSelector("html[data-ready]");
    const findings = await page.evaluate(({ path, text }) => {
      globalThis.benchFiles = [{ path, text }];
      let n = 0;
      for (let k = 0; k < 3; k++) n = globalThis.keylint.lint(globalThis.benchFiles).findings.length;
      return n;
    }, { path: basename(file), text });
    pages.push({ page, findings, times: [] });
  }
  if (pages[0].findings !== pages[1].findings) {
    throw new Error(`A gives ${pages[0].findings} findings, B ${pages[1].findings}`);
  }
  for (let r = 0; r < rounds; r++) {
    for (const i of r % 2 ? [1, 0] : [0, 1]) {
      const times = await pages[i].page.evaluate((runs) => {
        const t = [];
        for (let k = 0; k < runs; k++) {
          const s = performance.now();
          globalThis.keylint.lint(globalThis.benchFiles);
          t.push(performance.now() - s);
        }
        return t;
      }, runs);
      pages[i].times.push(...times);
    }
  }
  const [A, B] = pages.map((p) => ({ best: Math.min(...p.times), median: median(p.times) }));
  console.log(
    `${Buffer.byteLength(text)} bytes, ${pages[0].findings} findings, ${rounds} rounds of ${runs} runs each: ` +
      `A best ${A.best.toFixed(1)} / median ${A.median.toFixed(1)} ms, ` +
      `B best ${B.best.toFixed(1)} / median ${B.median.toFixed(1)} ms, B/A ${(B.median / A.median).toFixed(3)}`,
  );
} finally {
  await browser.close();
  server.close();
}
