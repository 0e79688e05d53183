// What the browser benchmarks share: a static server on 127.0.0.1 for built pages, and a
// headless Chromium (Debian's /usr/bin/chromium through playwright-core from
// wasm/page/node_modules) in a throwaway profile.
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(repo, "wasm/page/package.json"));
const { chromium } = require("playwright-core");

const types = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".wasm": "application/wasm" };

/**
 * Serve files: `route(pathname)` gives `[dir, path]` to serve `path` under `dir`, or
 * nothing (404). Nothing outside `dir` is served. Resolves to the listening server.
 */
export async function serve(route) {
  const server = createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, "http://127.0.0.1").pathname);
    const [dir, path] = route(pathname) ?? [];
    const f = dir && resolve(dir, "." + (path.endsWith("/") ? path + "index.html" : path));
    if (!f || !(f + sep).startsWith(dir + sep) || !existsSync(f) || !statSync(f).isFile()) {
      res.writeHead(404);
      res.end();
      return;
    }
    res.writeHead(200, { "content-type": types[extname(f)] ?? "application/octet-stream" });
    res.end(readFileSync(f));
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  return server;
}

/** A headless Chromium context; `close()` also removes its profile. */
export async function launch(prefix) {
  const profile = mkdtempSync(join(tmpdir(), prefix));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.KEYLINT_CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
