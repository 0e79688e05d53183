// keylint.js: load keylint.wasm and talk to it. The module imports nothing, so the same
// file runs in browsers, Node.js, Deno and any other WebAssembly host.
//
//   import { load } from "./keylint.js";
//   const keylint = await load(fetch("keylint.wasm"));          // browser
//   const keylint = await load(fs.readFileSync("keylint.wasm")); // Node.js
//   const report = keylint.lint([{ path: "main.tf", text }], { profile: "pci-dss" });

/** Today in UTC as `YYYY-MM-DD`, the CLI's clock for suppression expiry dates. */
function utcToday() {
  return new Date().toISOString().slice(0, 10);
}

/** An error answered by keylint (bad request, invalid user rule, unknown profile...). */
export class KeylintError extends Error {
  constructor(message, details = []) {
    super(message);
    this.name = "KeylintError";
    this.details = details;
  }
}

const encoder = new TextEncoder();
/** Requests up to this many UTF-16 units are encoded straight into the module's memory. */
const DIRECT_ENCODE_MAX = 32 * 1024 * 1024;
const decoder = new TextDecoder();

export class Keylint {
  /** @param {WebAssembly.Instance} instance */
  constructor(instance) {
    this.exports = instance.exports;
  }

  /** Send one JSON request; returns the `ok` value or throws a KeylintError. */
  call(request) {
    return this.respond(request).ok;
  }

  /** Send one JSON request; returns the whole response or throws a KeylintError. */
  respond(request) {
    const { memory, keylint_alloc, keylint_call, keylint_free } = this.exports;
    const json = JSON.stringify(request);
    // UTF-8 straight into the module's memory (at most 3 bytes per UTF-16 unit), without an
    // encoded copy in JavaScript first; a very large request is encoded to its exact size.
    const capacity = json.length <= DIRECT_ENCODE_MAX ? json.length * 3 : encoder.encode(json);
    const size = typeof capacity === "number" ? capacity : capacity.length;
    const ptr = keylint_alloc(size);
    if (ptr === 0) {
      throw new KeylintError(`the request (${size} bytes) does not fit in the module's memory`);
    }
    const into = new Uint8Array(memory.buffer, ptr, size);
    let length = size;
    if (typeof capacity === "number") {
      length = encoder.encodeInto(json, into).written;
    } else {
      into.set(capacity);
    }
    const packed = BigInt.asUintN(64, keylint_call(ptr, length));
    keylint_free(ptr, size);
    const outPtr = Number(packed >> 32n);
    const outLen = Number(packed & 0xffffffffn);
    // Copy before freeing: the memory may grow (and detach views) on the next call.
    const text = decoder.decode(new Uint8Array(memory.buffer, outPtr, outLen).slice());
    keylint_free(outPtr, outLen);
    const response = JSON.parse(text);
    if (response.error) {
      throw new KeylintError(response.error.message, response.error.details ?? []);
    }
    return response;
  }

  /**
   * Lint files given as text; returns the report of `keylint check --format json`, plus
   * `notes`: what was deliberately not read (a remote module source), which the CLI prints
   * on stderr. With `options.keys`, `keys` too: every declared key and key container with
   * its facts, place, summary (algorithm, protection, rotation, quantum safety) and findings.
   */
  lint(files, options = {}) {
    const response = this.respond({ command: "lint", files, today: utcToday(), ...options, format: "json" });
    const report = { ...response.ok, notes: response.notes ?? [] };
    if (response.keys) {
      report.keys = response.keys;
    }
    return report;
  }

  /**
   * Lint files given as text; returns the CycloneDX 1.6 cryptography bill of materials of
   * `keylint check --format cyclonedx` (the same Rust writer), dated `options.today`.
   */
  lintCycloneDx(files, options = {}) {
    return this.call({ command: "lint", files, today: utcToday(), ...options, format: "cyclonedx" });
  }

  /**
   * Lint files given as text; returns the SARIF 2.1.0 log of `keylint check --format sarif`
   * (the same Rust writer). `JSON.stringify(log, null, 2) + "\n"` is the CLI's bytes.
   */
  lintSarif(files, options = {}) {
    return this.call({ command: "lint", files, today: utcToday(), ...options, format: "sarif" });
  }

  /**
   * How keylint reads each file, judged by name and content: `{ path, format }` with
   * format `terraform`, `terraform-json`, `tfvars`, `aws-policy`, `arm-template`, `json`
   * (broken JSON that claims to be a policy or template), or null and a `skipped` reason.
   */
  classify(files) {
    return this.call({ command: "classify", files });
  }

  /** Every rule: id, severity, title, provider, help and its documentation (Markdown). */
  rules() {
    return this.call({ command: "rules" });
  }

  version() {
    return this.call({ command: "version" }).version;
  }
}

/**
 * Instantiate keylint.wasm from a URL fetch (a Promise<Response> or Response), bytes
 * (ArrayBuffer, typed array, Node Buffer) or a compiled WebAssembly.Module.
 */
export async function load(source) {
  let input = await source;
  let instance;
  if (input instanceof WebAssembly.Module) {
    instance = await WebAssembly.instantiate(input, {});
  } else if (typeof Response !== "undefined" && input instanceof Response) {
    if (WebAssembly.instantiateStreaming && input.headers.get("content-type") === "application/wasm") {
      ({ instance } = await WebAssembly.instantiateStreaming(input, {}));
    } else {
      ({ instance } = await WebAssembly.instantiate(await input.arrayBuffer(), {}));
    }
  } else {
    ({ instance } = await WebAssembly.instantiate(input, {}));
  }
  return new Keylint(instance);
}
