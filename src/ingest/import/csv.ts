/**
 * CSV imports: a streaming RFC 4180 reader (quoted fields with commas, doubled quotes and newlines; CRLF, CR or LF
 * line ends; a UTF-8 BOM; gzip) and the mapping of the columns people's dumps carry onto the Hub's model object.
 */
import { InputError } from "../../errors.js";
import { type DateOrder, normalizeDate, normalizeTimestamp } from "./dates.js";
import { parseStringList } from "./pylist.js";

export { type CsvRecord, readCsvRecords } from "../../formats/csv.js";

/** A column value turned into a model property, or the reason it cannot be. */
type Converted = { ok: true; value: unknown } | { ok: false; problem: string };

/** Outcome of mapping one CSV record: a candidate Hub model object, or the column and reason it failed. */
export type MappedCsvRow =
  | { ok: true; model: Record<string, unknown> }
  | { ok: false; field?: string; problem: string };

/** Maps CSV records of one file (header already read) onto Hub model objects. */
export interface CsvRowMapper {
  /** The column each Hub key is read from (for messages): `{downloads: "downloads", id: "model_url", …}`. */
  readonly columns: Readonly<Record<string, string>>;
  /** Maps one record's fields. */
  map(fields: string[]): MappedCsvRow;
}

/** Options of {@link createCsvRowMapper}. */
export interface CsvMapperOptions {
  /** File name for errors. */
  file: string;
  /** Line of the header record (for errors), default 1. */
  headerLine?: number;
  /** Order of `NN-NN-YYYY` dates; default `"dmy"` for a `mined_date` column (the do-me series), else `"mdy"`. */
  dateOrder?: DateOrder;
}

/**
 * Header spellings accepted for each Hub key, after {@link headerKey} (lower case; `_`, `-`, `.` and spaces removed),
 * best first. `_id` is matched exactly. Columns not listed are dropped: the do-me series' `trending` is a rank, not
 * the Hub's `trendingScore`; `authorData` and `availableInferenceProviders` are Python literals the store does not keep.
 */
export const CSV_COLUMN_ALIASES: Readonly<Record<string, readonly string[]>> = {
  id: ["id", "modelid", "repoid", "model", "modelurl", "url", "repo", "repourl"],
  author: ["author", "organization", "organisation", "org", "owner", "namespace"],
  downloads: ["downloads", "downloads30d", "downloadslast30days", "downloadslastmonth", "monthlydownloads"],
  downloadsAllTime: ["downloadsalltime", "alltimedownloads", "totaldownloads"],
  likes: ["likes", "likecount"],
  trendingScore: ["trendingscore"],
  tags: ["tags"],
  pipeline_tag: ["pipelinetag", "pipeline", "task"],
  library_name: ["libraryname", "library"],
  createdAt: ["createdat", "created"],
  lastModified: ["lastmodified", "modifiedat", "updatedat"],
  gated: ["gated"],
  private: ["private"],
  cardData: ["carddata"],
  date: ["date", "snapshotdate", "mineddate", "fetchedat", "fetchdate", "scrapedat", "scrapedate", "collectedat"],
};

/** Columns whose pair makes an id when there is no id column (or the id is empty): namespace + name. */
const NAMESPACE_ALIASES = ["organization", "organisation", "org", "owner", "namespace", "author"];
const NAME_ALIASES = ["modelname", "name", "reponame"];

/** A header reduced for matching: `model_id`, `modelId`, `Model ID` → `modelid`. */
export function headerKey(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/[\s_.-]/g, "");
}

const HUB_URL = /^https?:\/\/(?:www\.)?(?:huggingface\.co|hf\.co)\/([^?#]*)/i;
const NOT_MODEL_SECTIONS = new Set(["datasets", "spaces", "collections", "papers", "organizations", "docs"]);

/**
 * The model id in a Hub URL (`https://huggingface.co/KBLab/bert-base-swedish-cased` → `KBLab/bert-base-swedish-cased`,
 * also `/tree/main/…` suffixes and legacy bare ids such as `https://huggingface.co/gpt2`); text that is not a Hub URL
 * is returned trimmed, unchanged. `null` for a URL of a dataset, Space or other non-model page.
 */
export function modelIdFromUrl(text: string): string | null {
  const trimmed = text.trim();
  const match = HUB_URL.exec(trimmed);
  if (!match) return trimmed;
  const parts = (match[1] ?? "").split("/").filter((p) => p !== "");
  if (parts.length === 0 || NOT_MODEL_SECTIONS.has(parts[0] as string)) return null;
  const id =
    parts.length === 1 || ["tree", "blob", "resolve", "commit"].includes(parts[1] as string)
      ? [parts[0]]
      : parts.slice(0, 2);
  return id.map((p) => decodeURIComponent(p as string)).join("/");
}

const INTEGER_TEXT = /^[+-]?\d+(?:\.0*)?$/;
const NUMBER_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A CSV number: `1234`, `1234.0`, `1.5e3`; `NaN` = absent; other text stays text (validation then names it). */
function toNumber(text: string): Converted {
  const t = text.trim();
  if (t.toLowerCase() === "nan") return { ok: true, value: undefined };
  if (INTEGER_TEXT.test(t)) return { ok: true, value: Number.parseInt(t, 10) };
  if (NUMBER_TEXT.test(t)) return { ok: true, value: Number(t) };
  return { ok: true, value: text };
}

const TRUE_TEXT = new Set(["true", "1", "yes"]);
const FALSE_TEXT = new Set(["false", "0", "no"]);

/** `True`/`False` (pandas), `true`/`false`, `1`/`0`; other text stays text. */
function toBoolean(text: string): Converted {
  const t = text.trim().toLowerCase();
  if (TRUE_TEXT.has(t)) return { ok: true, value: true };
  if (FALSE_TEXT.has(t)) return { ok: true, value: false };
  return { ok: true, value: text };
}

function toStringList(text: string): Converted {
  const parsed = parseStringList(text);
  if (parsed.ok) return { ok: true, value: parsed.values };
  return { ok: false, problem: `not a list of strings (${parsed.reason}): ${preview(text)}` };
}

function toJsonObject(text: string): Converted {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return { ok: true, value };
  } catch {
    // reported below
  }
  return { ok: false, problem: `not a JSON object: ${preview(text)}` };
}

/** A value shortened for a message. */
export function preview(text: string, max = 60): string {
  return JSON.stringify(text.length > max ? `${text.slice(0, max)}…` : text);
}

function converterFor(key: string, column: string, dateOrder: DateOrder | undefined): (text: string) => Converted {
  switch (key) {
    case "downloads":
    case "downloadsAllTime":
    case "likes":
    case "trendingScore":
      return toNumber;
    case "private":
      return toBoolean;
    case "gated":
      return (text) => {
        const b = toBoolean(text);
        return b.ok && typeof b.value === "boolean" ? b : { ok: true, value: text.trim() };
      };
    case "tags":
      return toStringList;
    case "cardData":
      return toJsonObject;
    case "createdAt":
    case "lastModified":
      return (text) => ({ ok: true, value: normalizeTimestamp(text.trim()) });
    case "date": {
      const order = dateOrder ?? (headerKey(column) === "mineddate" ? "dmy" : "mdy");
      return (text) => {
        const date = normalizeDate(text, { dateOrder: order });
        return date ? { ok: true, value: date } : { ok: false, problem: `not a date: ${preview(text)}` };
      };
    }
    case "id":
      return (text) => {
        const id = modelIdFromUrl(text);
        return id === null ? { ok: false, problem: `not a model URL: ${preview(text)}` } : { ok: true, value: id };
      };
    default:
      return (text) => ({ ok: true, value: text.trim() });
  }
}

function findColumn(keys: string[], aliases: readonly string[]): number {
  for (const alias of aliases) {
    const index = keys.indexOf(alias);
    if (index >= 0) return index;
  }
  return -1;
}

/**
 * Maps a CSV header onto Hub keys (see {@link CSV_COLUMN_ALIASES}; unknown columns, such as the pandas index column
 * with an empty name, are ignored) and returns the row mapper. The id comes from the id column (a Hub URL becomes
 * its id) or, when that is absent or empty in a row, from a namespace + name pair (`organization` + `model_name`,
 * `author` + `modelName`). Throws {@link InputError} at the header line when no column can give an id.
 */
export function createCsvRowMapper(header: string[], options: CsvMapperOptions): CsvRowMapper {
  const keys = header.map(headerKey);
  const columns: Record<string, string> = {};
  const readers: Array<{ index: number; key: string; convert: (text: string) => Converted }> = [];
  const underscoreId = header.findIndex((h) => h.trim() === "_id");
  if (underscoreId >= 0) {
    columns._id = "_id";
    readers.push({ index: underscoreId, key: "_id", convert: (text) => ({ ok: true, value: text.trim() }) });
    keys[underscoreId] = "";
  }
  for (const [key, aliases] of Object.entries(CSV_COLUMN_ALIASES)) {
    const index = findColumn(keys, aliases);
    if (index < 0) continue;
    const column = header[index] as string;
    columns[key] = column;
    readers.push({ index, key, convert: converterFor(key, column, options.dateOrder) });
  }
  const namespaceIndex = findColumn(keys, NAMESPACE_ALIASES);
  const nameIndex = findColumn(keys, NAME_ALIASES);
  const idIndex = readers.find((r) => r.key === "id")?.index ?? -1;
  if (idIndex < 0 && nameIndex < 0) {
    throw new InputError(
      `no model id column: expected one of id, modelId, model_id, model, model_url, url, or organization + model_name (header: ${header.join(",")})`,
      { file: options.file, line: options.headerLine ?? 1 },
    );
  }
  if (!columns.id)
    columns.id = namespaceIndex >= 0 ? `${header[namespaceIndex]}+${header[nameIndex]}` : (header[nameIndex] as string);
  const width = header.length;
  return {
    columns,
    map(fields: string[]): MappedCsvRow {
      if (fields.length !== width) {
        return { ok: false, problem: `has ${fields.length} fields, the header has ${width}` };
      }
      const model: Record<string, unknown> = {};
      for (const reader of readers) {
        const text = fields[reader.index] as string;
        if (text.trim() === "") continue;
        const converted = reader.convert(text);
        if (!converted.ok) return { ok: false, field: header[reader.index] as string, problem: converted.problem };
        if (converted.value !== undefined) model[reader.key] = converted.value;
      }
      if (model.id === undefined && nameIndex >= 0) {
        const name = (fields[nameIndex] as string).trim();
        const namespace = namespaceIndex >= 0 ? (fields[namespaceIndex] as string).trim() : "";
        if (name !== "") model.id = namespace !== "" ? `${namespace}/${name}` : name;
      }
      return { ok: true, model };
    },
  };
}
