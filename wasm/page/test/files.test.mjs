// The page decodes dropped files as the library does (keylint_sources::encoding).
import { test } from "node:test";
import assert from "node:assert/strict";
import { decodeText } from "../src/files.js";

const utf16 = (s, le) => {
  const out = [le ? 0xff : 0xfe, le ? 0xfe : 0xff];
  for (const c of s) {
    const u = c.charCodeAt(0);
    out.push(...(le ? [u & 0xff, u >> 8] : [u >> 8, u & 0xff]));
  }
  return new Uint8Array(out);
};

test("UTF-16 with a byte order mark, both orders, and UTF-8 with or without one", () => {
  const plan = '{"format_version": "1.2"}';
  assert.equal(decodeText(utf16(plan, true)), plan);
  assert.equal(decodeText(utf16(plan, false)), plan);
  assert.equal(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61])), "a");
  assert.equal(decodeText(new TextEncoder().encode("key = 1")), "key = 1");
});

test("invalid UTF-16 is refused, not shown as mojibake", () => {
  // An odd number of bytes after the mark.
  assert.equal(decodeText(new Uint8Array([0xff, 0xfe, 0x61])), null);
});
