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
    const { memory, keylint_alloc, keylint_call, keylint_call_texts, keylint_free } = this.exports;
    // The files' texts go beside the request as UTF-8, not inside its JSON: each file
    // gives the `text_span` of its text instead (see crates/keylint_wasm), which spares
    // writing them into JSON here and reading them back out of it in the module.
    const texts = [];
    const spans = [];
    const lift = (files) =>
      Array.isArray(files)
        ? files.map((f) => {
            if (typeof f?.text !== "string" || typeof f.path !== "string") return f;
            const span = [0, 0];
            texts.push(f.text);
            spans.push(span);
            return { path: f.path, text_span: span };
          })
        : files;
    if (keylint_call_texts && request && typeof request === "object") {
      request = { ...request, files: lift(request.files), rules: lift(request.rules) };
    }
    let textsPtr = 0;
    let textsSize = 0;
    if (texts.length) {
      ({ ptr: textsPtr, size: textsSize } = this.write(texts, spans, "the files' texts"));
    }
    let packed;
    try {
      const { ptr, size, length } = this.write([JSON.stringify(request)], [[0, 0]], "the request");
      try {
        packed = texts.length ? keylint_call_texts(ptr, length, textsPtr, spans.at(-1)[1]) : keylint_call(ptr, length);
      } finally {
        keylint_free(ptr, size);
      }
    } finally {
      if (textsPtr) keylint_free(textsPtr, textsSize);
    }
    packed = BigInt.asUintN(64, packed);
    const outPtr = Number(packed >> 32n);
    const outLen = Number(packed & 0xffffffffn);
    // Decoded straight from the module's memory (no copy first): decoding finishes before
    // the buffer is freed, and nothing runs in the module in between.
    const text = decoder.decode(new Uint8Array(memory.buffer, outPtr, outLen));
    keylint_free(outPtr, outLen);
    const response = JSON.parse(text);
    if (response.error) {
      throw new KeylintError(response.error.message, response.error.details ?? []);
    }
    return response;
  }

  /**
   * Write `strings` one after the other as UTF-8 into one buffer of the module's memory,
   * setting `spans[i]` to the byte range of `strings[i]`. Returns the buffer (to free with
   * its `size`) and the bytes written.
   */
  write(strings, spans, what) {
    const { memory, keylint_alloc, keylint_free } = this.exports;
    const units = strings.reduce((n, s) => n + s.length, 0);
    // UTF-8 straight into the module's memory (at most 3 bytes per UTF-16 unit), without
    // an encoded copy in JavaScript first; very large strings are encoded to their exact
    // size first.
    const direct = units <= DIRECT_ENCODE_MAX;
    const encoded = direct ? null : strings.map((s) => encoder.encode(s));
    const size = direct ? units * 3 : encoded.reduce((n, b) => n + b.length, 0);
    const ptr = keylint_alloc(size);
    if (ptr === 0) {
      throw new KeylintError(`${what} (${size} bytes) cannot fit in the module's memory`);
    }
    try {
      const into = new Uint8Array(memory.buffer, ptr, size);
      let at = 0;
      strings.forEach((s, i) => {
        const written = direct ? encoder.encodeInto(s, into.subarray(at)).written : (into.set(encoded[i], at), encoded[i].length);
        spans[i][0] = at;
        spans[i][1] = at + written;
        at += written;
      });
      return { ptr, size, length: at };
    } catch (e) {
      keylint_free(ptr, size);
      throw e;
    }
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
   * (the same Rust writer). The module does not carry the rules' documentation: give it
   * as `options.docs` (`rule-docs.json` beside keylint.wasm) for each rule's
   * `help.markdown`, and `JSON.stringify(log, null, 2) + "\n"` is the CLI's bytes.
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

  /**
   * Every rule: id, severity, title, provider, help, controls. Not a built-in rule's
   * documentation, which the module does not carry: it is `rule-docs.json` beside
   * keylint.wasm (Markdown by rule id).
   */
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
