/**
 * Which import format a file holds: the extension says what it should be, the first bytes confirm it. The files are
 * then read through src/formats/lines.ts (JSON) and src/formats/csv.ts.
 */
import { gunzipSync, constants as zlibConstants } from "node:zlib";
import { InputError } from "../../errors.js";
import { isGzipMagic, readHead } from "../../formats/lines.js";

/** The formats `omo import` reads. `json-document` = one object holding the list under a key (`models`, …). */
export type ImportFormat = "jsonl" | "json-array" | "json-document" | "csv" | "parquet";

/** Keys under which a JSON document holds its list of models, in the order they are looked for. */
export const DOCUMENT_LIST_KEYS = ["models", "data", "items", "results"] as const;

/** Bytes read to sniff a file (decompressed text for gzip); enough for the first object of any JSONL dump. */
const SNIFF_BYTES = 1 << 20;

type Family = "jsonl" | "json" | "csv" | "parquet";

const EXTENSIONS: Array<{ suffix: string; family: Family; gzip: boolean }> = [
  { suffix: ".jsonl.gz", family: "jsonl", gzip: true },
  { suffix: ".ndjson.gz", family: "jsonl", gzip: true },
  { suffix: ".json.gz", family: "json", gzip: true },
  { suffix: ".csv.gz", family: "csv", gzip: true },
  { suffix: ".jsonl", family: "jsonl", gzip: false },
  { suffix: ".ndjson", family: "jsonl", gzip: false },
  { suffix: ".json", family: "json", gzip: false },
  { suffix: ".csv", family: "csv", gzip: false },
  { suffix: ".parquet", family: "parquet", gzip: false },
];

/** Decompresses as much of a gzip prefix as it holds (a truncated stream is fine here). */
function gunzipPrefix(path: string, head: Buffer): Buffer {
  try {
    return gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).subarray(0, SNIFF_BYTES);
  } catch (err) {
    throw new InputError(`not a valid gzip stream: ${(err as Error).message}`, { file: path });
  }
}

/** Index just past the first JSON value starting at `start` (`{…}` or `[…]`), or -1 when it does not end in `text`. */
function endOfFirstValue(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c) i++;
      else if (ch === 0x22) inString = false;
    } else if (ch === 0x22) inString = true;
    else if (ch === 0x7b || ch === 0x5b) depth++;
    else if (ch === 0x7d || ch === 0x5d) {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}

function holdsDocumentList(value: unknown): boolean {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  return DOCUMENT_LIST_KEYS.some((key) => Array.isArray((value as Record<string, unknown>)[key]));
}

/**
 * Tells a `.json` whose text starts with `{` apart: JSON Lines when the first object is followed by a newline and
 * another object (or is a lone one-line model object), else one document.
 */
function classifyObjectText(text: string, start: number, wholeFile: boolean): "jsonl" | "json-document" {
  const end = endOfFirstValue(text, start);
  if (end < 0) return "json-document";
  const rest = text.slice(end);
  const next = rest.search(/\S/);
  if (next >= 0) return rest[next] === "{" && rest.slice(0, next).includes("\n") ? "jsonl" : "json-document";
  if (!wholeFile) return "json-document";
  try {
    return holdsDocumentList(JSON.parse(text.slice(start, end))) ? "json-document" : "jsonl";
  } catch {
    return "json-document";
  }
}

function describeStart(ch: string | undefined): string {
  if (ch === undefined) return "is empty";
  return `starts with ${JSON.stringify(ch)}`;
}

/**
 * The format of an import file: the extension (`.jsonl`, `.ndjson`, `.jsonl.gz`, `.json`, `.json.gz`, `.csv`,
 * `.csv.gz`, `.parquet`; case-insensitive) confirmed by the first bytes (gzip magic for `.gz`, `PAR1` for Parquet,
 * `{` for JSON Lines, `[` / `{` for `.json`). A `.json` whose first object is followed by a newline and another
 * object is JSON Lines. Throws {@link InputError} naming the file for an unknown extension, an empty file or
 * content that contradicts the extension.
 */
export async function detectFormat(path: string): Promise<ImportFormat> {
  const lower = path.toLowerCase();
  const ext = EXTENSIONS.find((e) => lower.endsWith(e.suffix));
  if (!ext) {
    const known = EXTENSIONS.map((e) => e.suffix).join(", ");
    throw new InputError(`unknown file type (expected one of ${known})`, { file: path });
  }
  const head = await readHead(path, SNIFF_BYTES);
  if (head.length === 0) throw new InputError("file is empty", { file: path });
  if (ext.family === "parquet") {
    if (head.subarray(0, 4).toString("latin1") !== "PAR1") {
      throw new InputError("named .parquet but does not start with the Parquet magic bytes PAR1", { file: path });
    }
    return "parquet";
  }
  const gzip = isGzipMagic(head);
  if (ext.gzip && !gzip) throw new InputError(`named ${ext.suffix} but is not gzip-compressed`, { file: path });
  if (!ext.gzip && gzip) {
    throw new InputError(`is gzip-compressed but named ${ext.suffix}; rename it to ${ext.suffix}.gz`, { file: path });
  }
  const bytes = gzip ? gunzipPrefix(path, head) : head;
  const wholeFile = head.length < SNIFF_BYTES && bytes.length < SNIFF_BYTES;
  const text = bytes.toString("utf8");
  if (bytes.includes(0)) throw new InputError(`named ${ext.suffix} but holds binary data, not text`, { file: path });
  const start = text.search(/[^\s\uFEFF]/);
  const first = start >= 0 ? text[start] : undefined;
  if (ext.family === "csv") {
    if (first === undefined) throw new InputError("file is empty", { file: path });
    return "csv";
  }
  if (ext.family === "jsonl") {
    if (first === "{") return "jsonl";
    const hint = first === "[" ? " (a JSON array: name it .json)" : "";
    throw new InputError(`not JSON Lines: ${describeStart(first)}, expected "{"${hint}`, { file: path });
  }
  if (first === "[") return "json-array";
  if (first === "{") return classifyObjectText(text, start, wholeFile);
  throw new InputError(`not JSON: ${describeStart(first)}, expected "[" or "{"`, { file: path });
}
