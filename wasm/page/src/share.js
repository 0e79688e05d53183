// A review in the URL fragment: {v, profile, files: [[path, text]...]} as JSON, compressed
// with the browser's own CompressionStream("deflate-raw"), in base64url. The fragment is
// never sent to a server, and nothing here needs a library.

const PREFIX = "#review=";

/** Fragments longer than this may be cut by chat tools, mail clients or proxies. */
export const LONG_FRAGMENT = 8 * 1024;

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64url(bytes) {
  let bin = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const b64 = text.replace(/-/g, "+").replace(/_/g, "/");
  const bin = atob(b64 + "=".repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** The fragment (with its leading `#`) holding these files and profile. */
export async function encodeReview({ profile, files }) {
  const json = JSON.stringify({ v: 1, profile, files: files.map((f) => [f.path, f.text]) });
  const packed = await pipe(new TextEncoder().encode(json), new CompressionStream("deflate-raw"));
  return PREFIX + toBase64url(packed);
}

export function isReviewFragment(hash) {
  return hash.startsWith(PREFIX);
}

/** The review held by a fragment made by encodeReview; throws on anything else. */
export async function decodeReview(hash) {
  if (!isReviewFragment(hash)) throw new Error("not a review link");
  const bytes = await pipe(fromBase64url(hash.slice(PREFIX.length)), new DecompressionStream("deflate-raw"));
  const data = JSON.parse(new TextDecoder().decode(bytes));
  if (data?.v !== 1 || !Array.isArray(data.files)) throw new Error("unsupported review link");
  const files = data.files
    .filter((f) => Array.isArray(f) && typeof f[0] === "string" && typeof f[1] === "string")
    .map(([path, text]) => ({ path, text }));
  return { profile: typeof data.profile === "string" ? data.profile : "default", files };
}
