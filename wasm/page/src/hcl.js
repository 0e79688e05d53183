// Highlighting for Terraform HCL: a small stream tokenizer (comments, strings with `${}`
// interpolation, heredocs, numbers, block keywords, attribute names). It only colours the
// text; keylint.wasm does the real parsing.
import { StreamLanguage } from "@codemirror/language";

const KEYWORDS = new Set([
  "resource", "data", "variable", "locals", "output", "provider", "terraform", "module",
  "moved", "import", "check", "removed", "dynamic", "content", "for", "in", "if",
]);

function string(stream) {
  let escaped = false;
  for (let ch; (ch = stream.next()) != null; ) {
    if (ch === '"' && !escaped) return;
    if (ch === "$" && stream.peek() === "{" && !escaped) {
      // Skip the interpolation, whose own strings may hold quotes.
      let depth = 0;
      for (let c; (c = stream.next()) != null; ) {
        if (c === "{") depth++;
        else if (c === "}" && --depth === 0) break;
      }
      continue;
    }
    escaped = !escaped && ch === "\\";
  }
}

export const hcl = StreamLanguage.define({
  name: "hcl",
  startState: () => ({ heredoc: null, comment: false }),
  copyState: (s) => ({ ...s }),
  token(stream, state) {
    if (state.heredoc) {
      if (stream.sol() && stream.string.trim() === state.heredoc) {
        stream.skipToEnd();
        state.heredoc = null;
        return "string";
      }
      stream.skipToEnd();
      return "string";
    }
    if (state.comment) {
      if (stream.skipTo("*/")) {
        stream.pos += 2;
        state.comment = false;
      } else stream.skipToEnd();
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("#") || stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.comment = true;
      return "comment";
    }
    const heredoc = stream.match(/^<<-?([A-Za-z_]\w*)/);
    if (heredoc) {
      state.heredoc = heredoc[1];
      return "string";
    }
    if (stream.eat('"')) {
      string(stream);
      return "string";
    }
    if (stream.match(/^\d+(\.\d+)?([eE][+-]?\d+)?/)) return "number";
    if (stream.match(/^(true|false)\b/)) return "bool";
    if (stream.match(/^null\b/)) return "null";
    const word = stream.match(/^[A-Za-z_][\w-]*/);
    if (word) {
      if (stream.match(/^\s*=(?!=)/, false)) return "propertyName";
      if (KEYWORDS.has(word[0])) return "keyword";
      return "variableName";
    }
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "#", block: { open: "/*", close: "*/" } } },
});
