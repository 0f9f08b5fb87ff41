/**
 * Whole-file JSON imports: a page of list objects as scraped (`models_page12_07-11-2024.json`, a JSON array), a
 * document holding the list under a key with its snapshot date beside it (`{date, fetched_at, models: [...]}`), or a
 * single model body (`GET /api/models/{id}`). These files are small: they are parsed whole.
 */
import { InputError } from "../../errors.js";
import { readText } from "../../formats/lines.js";
import { type DateOptions, normalizeDate } from "./dates.js";
import { DOCUMENT_LIST_KEYS } from "./detect.js";

/** The rows of a JSON file and the date the document gives them all. */
export interface JsonModelList {
  /** The list items, unvalidated; item `i` is reported as line `i + 1`. */
  rows: unknown[];
  /** `YYYY-MM-DD` from the document's `date`, `snapshot_date` or `fetched_at`; `null` for arrays and undated documents. */
  documentDate: string | null;
  /** The key the list was under (`models`, …); `null` for a top-level array or a single model object. */
  listKey: string | null;
}

/** Document fields holding the snapshot date, best first; timestamps give their date part. */
export const DOCUMENT_DATE_KEYS = ["date", "snapshot_date", "snapshotDate", "fetched_at", "fetchedAt"] as const;

class JsonSyntaxAt extends Error {
  constructor(readonly offset: number) {
    super(`JSON syntax error at ${offset}`);
  }
}

const JSON_NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const JSON_LITERAL = /true|false|null/y;

/**
 * Offset of the first JSON syntax error in `text`, or -1 when it is valid JSON. (V8's JSON.parse messages give a
 * position for some errors only.)
 */
export function jsonSyntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const space = (): void => {
    for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  };
  const string = (): void => {
    i++;
    for (;;) {
      if (i >= text.length) fail();
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c < 0x20) fail();
      if (c === 0x5c) {
        const e = text[i + 1] ?? "";
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(e) || e === "") fail();
        i += 2;
        continue;
      }
      i++;
    }
  };
  const token = (pattern: RegExp): boolean => {
    pattern.lastIndex = i;
    if (!pattern.test(text)) return false;
    i = pattern.lastIndex;
    return true;
  };
  const value = (): void => {
    space();
    const ch = text[i];
    if (ch === "{" || ch === "[") {
      const close = ch === "{" ? "}" : "]";
      i++;
      space();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (close === "}") {
          space();
          if (text[i] !== '"') fail();
          string();
          space();
          if (text[i] !== ":") fail();
          i++;
        }
        value();
        space();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        fail();
      }
    }
    if (ch === '"') {
      string();
      return;
    }
    if (token(JSON_NUMBER) || token(JSON_LITERAL)) return;
    fail();
  };
  try {
    value();
    space();
    if (i < text.length) fail();
    return -1;
  } catch (err) {
    if (err instanceof JsonSyntaxAt) return err.offset;
    throw err;
  }
}

/** 1-based line of the first JSON syntax error (end of input → last line). */
function lineOfParseError(text: string): number {
  const found = jsonSyntaxErrorOffset(text);
  const position = found < 0 ? text.length : found;
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < position; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** The document's date, or `null` when it has no date field; throws when a date field holds no date. */
function documentDateOf(doc: Record<string, unknown>, file: string, options: DateOptions): string | null {
  for (const key of DOCUMENT_DATE_KEYS) {
    const value = doc[key];
    if (value === undefined || value === null) continue;
    const date = normalizeDate(value, options);
    if (date === null) throw new InputError(`not a date: ${JSON.stringify(value)}`, { file, field: key });
    return date;
  }
  return null;
}

/**
 * The model list in a parsed JSON value: a top-level array; an object with an array under `models`, `data`, `items`
 * or `results` (its `date` / `snapshot_date` / `fetched_at` date applies to all rows); or a single model object
 * (has a string `id`). Throws {@link InputError} naming the file for anything else.
 */
export function modelListFromJson(value: unknown, file: string, options: DateOptions = {}): JsonModelList {
  if (Array.isArray(value)) return { rows: value, documentDate: null, listKey: null };
  if (value === null || typeof value !== "object") {
    throw new InputError(`expected a JSON array or object, got ${value === null ? "null" : typeof value}`, { file });
  }
  const doc = value as Record<string, unknown>;
  const listKey = DOCUMENT_LIST_KEYS.find((key) => Array.isArray(doc[key]));
  if (listKey !== undefined) {
    return { rows: doc[listKey] as unknown[], documentDate: documentDateOf(doc, file, options), listKey };
  }
  if (typeof doc.id === "string" || typeof doc.modelId === "string") {
    return { rows: [doc], documentDate: null, listKey: null };
  }
  const keys = Object.keys(doc).slice(0, 10).join(", ");
  throw new InputError(
    `no list of models: expected an array under ${DOCUMENT_LIST_KEYS.join(", ")} (document keys: ${keys || "none"})`,
    { file },
  );
}

/**
 * Reads a JSON array / document file (gzip or not) whole and returns its model list (see {@link modelListFromJson}).
 * Invalid JSON → {@link InputError} with the line of the syntax error.
 */
export async function readJsonModelList(path: string, options: DateOptions = {}): Promise<JsonModelList> {
  return modelListFromJson(await readJsonValue(path), path, options);
}

/**
 * Reads a whole JSON file (gzip or not, a UTF-8 BOM skipped) and parses it. Invalid JSON → {@link InputError} with
 * the line of the syntax error; a cut gzip stream → a `TruncatedInputError`.
 */
export async function readJsonValue(path: string): Promise<unknown> {
  const text = await readText(path);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`not valid JSON: ${(err as Error).message}`, {
      file: path,
      line: lineOfParseError(text),
    });
  }
}
