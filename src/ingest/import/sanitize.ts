/**
 * The Node side of `omo import`: turns any supported file (or a dirty one DuckDB's fast path rejected) into clean
 * JSON Lines of validated Hub model objects ({@link HubModelSchema}), one per line, with precise problems.
 */

import { once } from "node:events";
import { createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import type { z } from "zod";
import { isTimestamp, modelIdProblem } from "../../domain/record-rules.js";
import { formatLocated, InputError } from "../../errors.js";
import { readJsonLineBatches, TruncatedInputError } from "../../formats/lines.js";
import { HubModelSchema } from "../../hub/types.js";
import {
  type CsvRowMapper,
  createCsvRowMapper,
  type MappedCsvRow,
  modelIdFromUrl,
  preview,
  readCsvRecords,
} from "./csv.js";
import { type DateOrder, normalizeDate } from "./dates.js";
import type { ImportFormat } from "./detect.js";
import { readJsonModelList } from "./json-docs.js";

/** What to sanitize. */
export interface SanitizeInput {
  /** The file as the user named it (used in messages). */
  path: string;
  /** Its format, from `detectFormat`. Parquet is not converted here (DuckDB reads it). */
  format: ImportFormat;
  /** Fail at the first malformed row instead of skipping it. */
  strict: boolean;
  /** `YYYY-MM-DD` given to rows that carry no date of their own and no document date (`--date`, the file name). */
  defaultDate?: string;
  /** How to read `NN-NN-YYYY` dates (see `normalizeDate`); default month first, day first for a `mined_date` column. */
  dateOrder?: DateOrder;
}

/** One malformed row: its line (JSONL/CSV: physical line; JSON list: item index + 1), the field, the reason. */
export interface SanitizeProblem {
  line: number;
  field?: string;
  problem: string;
}

/** What {@link sanitizeToJsonl} wrote and skipped. */
export interface SanitizeResult {
  /** Valid rows written. */
  rows: number;
  /** Rows skipped as malformed (non-strict only). */
  malformed: number;
  /** The first 20 problems, in file order. */
  firstProblems: SanitizeProblem[];
  /** Distinct `date`s of the written rows (own, document or default date), sorted. */
  dates: string[];
  /** The document's date (JSON documents), else `null`. */
  documentDate: string | null;
  /** Written rows left without any date (no row date, document date or default date). */
  undated: number;
}

/** At most this many problems are kept in {@link SanitizeResult.firstProblems}. */
export const MAX_KEPT_PROBLEMS = 20;

/** A row read from a file before validation: the parsed value, or the problem that stopped it being read. */
type RowCandidate =
  | { line: number; value: unknown; problem?: undefined }
  | { line: number; problem: { field?: string; problem: string } };

interface RowSource {
  documentDate: string | null;
  /** The name the user's file gives a Hub key (CSV column), for messages. */
  fieldName(key: string): string;
  /** Candidate rows in file order, in batches. */
  rows: AsyncIterable<RowCandidate[]>;
}

const MODEL_KEYS = Object.keys(HubModelSchema.shape) as Array<keyof typeof HubModelSchema.shape>;

// ---------------------------------------------------------------------------------------------------------------
// Sources

async function* jsonlRows(path: string): AsyncGenerator<RowCandidate[]> {
  for await (const lines of readJsonLineBatches(path)) {
    yield lines.map((l): RowCandidate => {
      if (l.error === undefined) return { line: l.line, value: l.value };
      const cut = l.last ? " (last line, no newline at the end: the file looks cut short)" : "";
      return { line: l.line, problem: { problem: `not valid JSON${cut}: ${l.error}` } };
    });
  }
}

const CSV_BATCH = 1000;

function csvCandidate(line: number, mapped: MappedCsvRow): RowCandidate {
  if (mapped.ok) return { line, value: mapped.model };
  const { field, problem } = mapped;
  return { line, problem: field === undefined ? { problem } : { field, problem } };
}

async function* csvRows(
  path: string,
  dateOrder: DateOrder | undefined,
  names: Record<string, string>,
): AsyncGenerator<RowCandidate[]> {
  let mapper: CsvRowMapper | undefined;
  let batch: RowCandidate[] = [];
  try {
    for await (const record of readCsvRecords(path)) {
      if (!mapper) {
        mapper = createCsvRowMapper(record.fields, { file: path, headerLine: record.line, dateOrder });
        Object.assign(names, mapper.columns);
        continue;
      }
      batch.push(csvCandidate(record.line, mapper.map(record.fields)));
      if (batch.length >= CSV_BATCH) {
        yield batch;
        batch = [];
      }
    }
  } catch (err) {
    // rows read before a gzip stream was cut are sound: hand them on before the truncation is reported
    if (err instanceof TruncatedInputError && batch.length > 0) yield batch;
    throw err;
  }
  if (!mapper) throw new InputError("no header row: the file holds no CSV records", { file: path });
  if (batch.length > 0) yield batch;
}

async function openSource(input: SanitizeInput): Promise<RowSource> {
  const { path, format } = input;
  if (format === "parquet") {
    throw new InputError("Parquet is read by DuckDB directly; there is nothing to convert", { file: path });
  }
  if (format === "jsonl") return { documentDate: null, fieldName: (key) => key, rows: jsonlRows(path) };
  if (format === "csv") {
    const names: Record<string, string> = {};
    return { documentDate: null, fieldName: (key) => names[key] ?? key, rows: csvRows(path, input.dateOrder, names) };
  }
  const list = await readJsonModelList(path, { dateOrder: input.dateOrder });
  async function* items(): AsyncGenerator<RowCandidate[]> {
    yield list.rows.map((value, i) => ({ line: i + 1, value }));
  }
  return { documentDate: list.documentDate, fieldName: (key) => key, rows: items() };
}

// ---------------------------------------------------------------------------------------------------------------
// Validation

type PreparedRow = { ok: true; row: Record<string, unknown> } | { ok: false; field?: string; problem: string };

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, false: false };

/** Booleans the Hub or pandas spell as text (`"False"`, `"true"`) → boolean; anything else unchanged. */
function looseBoolean(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const b = BOOLEAN_TEXT[value.trim().toLowerCase()];
  return b === undefined ? value : b;
}

/**
 * Keeps the schema's keys of a parsed row and coerces what dumps spell loosely: `null` → absent, `modelId` as the id
 * when `id` is missing, a Hub URL as id → the id, `"False"`/`"True"` for `gated`/`private` → booleans, row dates in
 * any form {@link normalizeDate} reads → `YYYY-MM-DD`.
 */
function prepareRow(value: unknown, dateOrder: DateOrder | undefined): PreparedRow {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { ok: false, problem: `not a JSON object: got ${describe(value)}` };
  }
  const source = value as Record<string, unknown>;
  const row: Record<string, unknown> = {};
  for (const key of MODEL_KEYS) {
    const v = source[key];
    if (v !== null && v !== undefined) row[key] = v;
  }
  if (row.id === undefined && typeof source.modelId === "string") row.id = source.modelId;
  if (typeof row.id === "string") {
    const id = modelIdFromUrl(row.id);
    if (id === null) return { ok: false, field: "id", problem: `not a model URL: ${preview(row.id)}` };
    row.id = id;
  }
  if (row.gated !== undefined) row.gated = looseBoolean(row.gated);
  if (row.private !== undefined) row.private = looseBoolean(row.private);
  if (typeof row.date === "string") {
    const date = normalizeDate(row.date, { dateOrder });
    if (date === null) return { ok: false, field: "date", problem: `not a date: ${preview(row.date)}` };
    row.date = date;
  }
  return { ok: true, row };
}

/** A value as a message names it. */
function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") return `the string ${preview(value)}`;
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${String(value)}`;
}

const EXPECTED_NAMES: Record<string, string> = {
  int: "an integer",
  number: "a number",
  string: "a string",
  array: "a list",
  boolean: "true or false",
  object: "an object",
  record: "an object",
};

/** Turns zod's first issue into `{field, problem}` in the words of a user looking at the file. */
function describeIssue(issue: z.core.$ZodIssue, row: Record<string, unknown>): { field: string; problem: string } {
  const [key, ...rest] = issue.path;
  const field = String(key ?? "");
  let value: unknown = row[field];
  for (const part of rest) value = (value as Record<PropertyKey, unknown> | undefined)?.[part as PropertyKey];
  const where =
    rest.length > 0 ? `item ${rest.map((p) => (typeof p === "number" ? p + 1 : String(p))).join(".")}: ` : "";
  if (value === undefined && rest.length === 0) return { field, problem: "is missing" };
  let problem: string;
  switch (issue.code) {
    case "invalid_type":
      problem = `expected ${EXPECTED_NAMES[issue.expected] ?? issue.expected}, got ${describe(value)}`;
      break;
    case "too_small":
      problem =
        issue.origin === "string" ? "is empty" : `must not be negative, got ${describe(value).replace(/^number /, "")}`;
      break;
    case "invalid_union":
      problem = `expected true, false or a string, got ${describe(value)}`;
      break;
    default:
      problem = `${issue.message}, got ${describe(value)}`;
  }
  return { field, problem: where + problem };
}

/** Validates a prepared row; returns the model or the problem. */
function validateRow(
  row: Record<string, unknown>,
): { ok: true; model: z.output<typeof HubModelSchema> } | { ok: false; field: string; problem: string } {
  const parsed = HubModelSchema.safeParse(row);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    if (!issue) return { ok: false, field: "", problem: "invalid" };
    return { ok: false, ...describeIssue(issue, row) };
  }
  const idProblem = modelIdProblem(parsed.data.id);
  if (idProblem) return { ok: false, field: "id", problem: `${idProblem}, got ${preview(parsed.data.id)}` };
  const model = parsed.data;
  for (const key of ["createdAt", "lastModified"] as const) {
    const v = model[key];
    if (v == null) continue;
    if (!isTimestamp(v)) return { ok: false, field: key, problem: `not a date and time (ISO 8601), got ${preview(v)}` };
    // one spelling for the store's reader, whatever the file wrote
    model[key] = new Date(v.replace(" ", "T")).toISOString();
  }
  return { ok: true, model };
}

/** A row's outcome once read, prepared and validated. */
type RowOutcome = { ok: true; model: z.output<typeof HubModelSchema> } | { ok: false; problem: SanitizeProblem };

/** Prepares and validates one candidate; problems name the field as the file does. */
function checkCandidate(candidate: RowCandidate, source: RowSource, dateOrder: DateOrder | undefined): RowOutcome {
  const { line } = candidate;
  if (candidate.problem) return { ok: false, problem: { line, ...candidate.problem } };
  const prepared = prepareRow(candidate.value, dateOrder);
  const checked = prepared.ok ? validateRow(prepared.row) : prepared;
  if (checked.ok) return checked;
  const { field, problem } = checked;
  return { ok: false, problem: field ? { line, field: source.fieldName(field), problem } : { line, problem } };
}

/**
 * Batches of row outcomes in file order. A truncated compressed file fails as a whole (a TruncatedInputError): its
 * first rows are not a snapshot of anything.
 */
async function* validatedBatches(input: SanitizeInput, source: RowSource): AsyncGenerator<RowOutcome[]> {
  for await (const candidates of source.rows) {
    yield candidates.map((candidate) => checkCandidate(candidate, source, input.dateOrder));
  }
}

/** The `{line, field, problem}` of an InputError (its message without the location prefix). */
function problemOf(err: InputError): SanitizeProblem {
  const { line, field } = err.location;
  const prefix = formatLocated("", err.location);
  const problem = err.message.startsWith(prefix) ? err.message.slice(prefix.length) : err.message;
  return field === undefined ? { line: line ?? 0, problem } : { line: line ?? 0, field, problem };
}

// ---------------------------------------------------------------------------------------------------------------
// Entry points

function checkDefaultDate(defaultDate: string | undefined): void {
  if (defaultDate !== undefined && normalizeDate(defaultDate) !== defaultDate) {
    throw new InputError(`the default date must be a real day written YYYY-MM-DD, got ${JSON.stringify(defaultDate)}`);
  }
}

/** Buffered JSONL writer with back-pressure. */
class JsonlWriter {
  private readonly stream;
  private buffer: string[] = [];
  private size = 0;
  private failure: Error | null = null;

  constructor(path: string) {
    this.stream = createWriteStream(path, { flags: "w" });
    this.stream.on("error", (err) => {
      this.failure = err;
    });
  }

  /** Buffers a line; call {@link flush} when this returns true. */
  push(line: string): boolean {
    this.buffer.push(line);
    this.size += line.length;
    return this.size >= 1 << 20;
  }

  async flush(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.buffer.length === 0) return;
    const chunk = `${this.buffer.join("\n")}\n`;
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
    if (this.failure) throw this.failure;
  }

  destroy(): void {
    this.stream.destroy();
  }
}

/**
 * Streams `input.path` and writes one validated {@link HubModelSchema} object per line to `outPath` (created or
 * truncated). Rows keep their own `date`; rows without one get the document's date, else `input.defaultDate`.
 * Malformed rows (bad JSON, missing or empty id, an id that is not `namespace/name` or a bare name, negative or
 * fractional counts, a string where a number is expected, tags that are not a list of strings, impossible dates…)
 * throw {@link InputError} naming file, line and field when `strict`, else are skipped and counted. JSONL and CSV are
 * read line by line (bounded memory); JSON arrays and documents are parsed whole. Throws {@link InputError} when no
 * valid row remains; `outPath` is removed on failure.
 */
export async function sanitizeToJsonl(input: SanitizeInput, outPath: string): Promise<SanitizeResult> {
  checkDefaultDate(input.defaultDate);
  const writer = new JsonlWriter(outPath);
  try {
    const result = await sanitizeInto(input, writer);
    await writer.close();
    return result;
  } catch (err) {
    writer.destroy();
    await rm(outPath, { force: true });
    throw err;
  }
}

async function sanitizeInto(input: SanitizeInput, writer: JsonlWriter): Promise<SanitizeResult> {
  const source = await openSource(input);
  const fallbackDate = source.documentDate ?? input.defaultDate;
  const dates = new Set<string>();
  const firstProblems: SanitizeProblem[] = [];
  let rows = 0;
  let malformed = 0;
  let undated = 0;
  for await (const outcomes of validatedBatches(input, source)) {
    for (const outcome of outcomes) {
      if (!outcome.ok) {
        if (input.strict) {
          const { line, field, problem } = outcome.problem;
          throw new InputError(
            problem,
            field === undefined ? { file: input.path, line } : { file: input.path, line, field },
          );
        }
        malformed++;
        if (firstProblems.length < MAX_KEPT_PROBLEMS) firstProblems.push(outcome.problem);
        continue;
      }
      const model = outcome.model;
      if (model.date == null) {
        if (fallbackDate !== undefined) model.date = fallbackDate;
        else undated++;
      }
      if (model.date != null) dates.add(model.date);
      if (writer.push(JSON.stringify(model))) await writer.flush();
      rows++;
    }
  }
  if (rows === 0) {
    const first = firstProblems[0];
    const detail = first ? `; first: ${formatLocated(first.problem, { line: first.line, field: first.field })}` : "";
    throw new InputError(`no valid model rows (${malformed} malformed${detail})`, { file: input.path });
  }
  return { rows, malformed, firstProblems, dates: [...dates].sort(), documentDate: source.documentDate, undated };
}

/**
 * The first malformed row of a file, or `null` when every row is valid: what the store shows when DuckDB's fast path
 * rejects a file (a truncated last line of a `.jsonl.gz`, a string in `downloads`…). File-level failures (invalid
 * JSON document, unterminated CSV quote, no id column) are returned as a problem at their line (0 when unknown).
 */
export async function findFirstProblem(
  path: string,
  format: ImportFormat,
  options: { dateOrder?: DateOrder } = {},
): Promise<SanitizeProblem | null> {
  const input: SanitizeInput = { path, format, strict: false, dateOrder: options.dateOrder };
  try {
    const source = await openSource(input);
    for await (const outcomes of validatedBatches(input, source)) {
      const bad = outcomes.find((outcome) => !outcome.ok);
      if (bad && !bad.ok) return bad.problem;
    }
    return null;
  } catch (err) {
    if (err instanceof InputError) return problemOf(err);
    throw err;
  }
}
