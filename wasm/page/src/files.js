// Files from a drop (files and whole folders) or a file picker, as {path, text} or
// {path, skipped}. Folders are walked like the CLI walks them: hidden entries and
// `.terraform/` are left out.

export const MAX_FILE_SIZE = 10 * 1024 * 1024; // the CLI's default --max-file-size
export const MAX_FILES = 5000;

const hidden = (name) => name.startsWith(".") || name === "node_modules";

/**
 * A file's bytes as text, as keylint_sources::encoding::decode reads them: UTF-8 with or
 * without a byte order mark, or UTF-16 LE/BE with one (Windows PowerShell 5.1 writes
 * `terraform show -json > plan.json` in UTF-16). Invalid UTF-16 is `null`.
 */
export function decodeText(bytes) {
  const utf16 =
    bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : null;
  if (utf16) {
    try {
      return new TextDecoder(utf16, { fatal: true }).decode(bytes);
    } catch {
      return null;
    }
  }
  // The decoder drops a UTF-8 byte order mark, as file.text() does.
  return new TextDecoder("utf-8").decode(bytes);
}

async function read(path, file) {
  if (file.size > MAX_FILE_SIZE) {
    return { path, skipped: `larger than ${MAX_FILE_SIZE / 1024 / 1024} MiB` };
  }
  const text = decodeText(new Uint8Array(await file.arrayBuffer()));
  return text === null ? { path, skipped: "not valid UTF-16" } : { path, text };
}

function entryFile(entry) {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function readBatch(reader) {
  return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
}

async function walk(entry, out) {
  if (out.length >= MAX_FILES || hidden(entry.name)) return;
  if (entry.isFile) {
    out.push(await read(entry.fullPath.replace(/^\/+/, ""), await entryFile(entry)));
  } else if (entry.isDirectory) {
    const reader = entry.createReader();
    // readEntries answers in batches (100 in Chromium) until an empty one.
    for (let batch; (batch = await readBatch(reader)).length; ) {
      batch.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const e of batch) await walk(e, out);
    }
  }
}

/**
 * The files of a drop. Must be called during the drop event: the entries of a
 * DataTransfer are only readable then (the reading itself may finish later).
 */
export function filesFromDrop(dataTransfer) {
  const entries = [...(dataTransfer.items ?? [])]
    .filter((item) => item.kind === "file")
    .map((item) => item.webkitGetAsEntry?.())
    .filter(Boolean);
  if (entries.length) {
    return (async () => {
      const out = [];
      for (const e of entries) await walk(e, out);
      return out;
    })();
  }
  return Promise.all([...dataTransfer.files].map((f) => read(f.name, f)));
}

/** The files of an <input type=file> (with or without `webkitdirectory`). */
export function filesFromInput(input) {
  const files = [...input.files]
    .filter((f) => !(f.webkitRelativePath || f.name).split("/").some(hidden))
    .slice(0, MAX_FILES);
  return Promise.all(files.map((f) => read(f.webkitRelativePath || f.name, f)));
}
