// A small Markdown renderer for the rule docs (policies/*/*/doc.md): headings,
// paragraphs, bullet and numbered lists, fenced code, pipe tables, `code`, **bold**,
// *emphasis*, [links](url) and bare https URLs. It builds DOM nodes directly; raw HTML in
// the source stays text, and only http(s) links become links.
import { h } from "./dom.js";

const SAFE_URL = /^https?:\/\/[^\s<>"']+$/i;

function link(url, label) {
  if (!SAFE_URL.test(url)) return document.createTextNode(label);
  return h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, label);
}

/** Inline Markdown to an array of nodes. */
export function inline(text) {
  const out = [];
  // code | bold | emphasis | [label](url) | bare URL
  const re = /`([^`]+)`|\*\*(.+?)\*\*|(?<![\w*])\*([^*\s][^*]*?)\*(?![\w*])|\[([^\]]+)\]\(([^)\s]+)\)|(https?:\/\/[^\s<>()"']*[^\s<>()"'.,;:])/g;
  let last = 0;
  for (let m; (m = re.exec(text)); ) {
    if (m.index > last) out.push(document.createTextNode(text.slice(last, m.index)));
    if (m[1] != null) out.push(h("code", {}, m[1]));
    else if (m[2] != null) out.push(h("strong", {}, ...inline(m[2])));
    else if (m[3] != null) out.push(h("em", {}, ...inline(m[3])));
    else if (m[4] != null) out.push(link(m[5], m[4]));
    else out.push(link(m[6], m[6]));
    last = re.lastIndex;
  }
  if (last < text.length) out.push(document.createTextNode(text.slice(last)));
  return out;
}

const cells = (line) =>
  line
    .trim()
    .replace(/^\|/, "")
    .replace(/\|$/, "")
    .split("|")
    .map((c) => c.trim());

/**
 * Render Markdown into a DocumentFragment. `headingOffset` shifts heading levels (a doc's
 * `##` becomes `h3` inside a dialog whose title is the `h2`).
 */
export function renderMarkdown(markdown, { headingOffset = 0 } = {}) {
  const frag = document.createDocumentFragment();
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  let i = 0;
  let para = [];
  const flush = () => {
    if (para.length) frag.append(h("p", {}, ...inline(para.join(" "))));
    para = [];
  };
  while (i < lines.length) {
    const line = lines[i];
    let m;
    if ((m = /^(`{3,}|~{3,})\s*([\w+-]*)\s*$/.exec(line))) {
      flush();
      const fence = m[1];
      const body = [];
      i++;
      while (i < lines.length && !lines[i].startsWith(fence)) body.push(lines[i++]);
      i++;
      frag.append(h("pre", {}, h("code", { "data-lang": m[2] || null }, body.join("\n"))));
      continue;
    }
    if ((m = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line))) {
      flush();
      const level = Math.min(6, m[1].length + headingOffset);
      frag.append(h(`h${level}`, {}, ...inline(m[2])));
      i++;
      continue;
    }
    if (/^\s*[-*+]\s+/.test(line) || /^\s*\d+[.)]\s+/.test(line)) {
      flush();
      const ordered = /^\s*\d+[.)]\s+/.test(line);
      const list = h(ordered ? "ol" : "ul");
      const item = ordered ? /^\s*\d+[.)]\s+(.*)$/ : /^\s*[-*+]\s+(.*)$/;
      while (i < lines.length && item.test(lines[i])) {
        const parts = [item.exec(lines[i])[1]];
        i++;
        // Continuation lines of the item (indented, not a new item).
        while (i < lines.length && /^\s{2,}\S/.test(lines[i]) && !item.test(lines[i])) parts.push(lines[i++].trim());
        list.append(h("li", {}, ...inline(parts.join(" "))));
      }
      frag.append(list);
      continue;
    }
    if (line.trim().startsWith("|") && i + 1 < lines.length && /^\s*\|?\s*:?-{2,}/.test(lines[i + 1])) {
      flush();
      const head = cells(line);
      i += 2;
      const rows = [];
      while (i < lines.length && lines[i].trim().startsWith("|")) rows.push(cells(lines[i++]));
      frag.append(
        h(
          "table",
          {},
          h("thead", {}, h("tr", {}, head.map((c) => h("th", { scope: "col" }, ...inline(c))))),
          h("tbody", {}, rows.map((r) => h("tr", {}, r.map((c) => h("td", {}, ...inline(c)))))),
        ),
      );
      continue;
    }
    if ((m = /^>\s?(.*)$/.exec(line))) {
      flush();
      const quote = [];
      while (i < lines.length && (m = /^>\s?(.*)$/.exec(lines[i]))) {
        quote.push(m[1]);
        i++;
      }
      frag.append(h("blockquote", {}, h("p", {}, ...inline(quote.join(" ")))));
      continue;
    }
    if (line.trim() === "") flush();
    else para.push(line.trim());
    i++;
  }
  flush();
  return frag;
}
