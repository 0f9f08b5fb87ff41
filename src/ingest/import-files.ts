/**
 * `omo import`: loads dump files into snapshots. Clean JSON Lines, JSON pages and Parquet go straight through
 * DuckDB's readers (fast path); CSV, JSON documents, and any file the fast path rejects are first converted by the
 * Node sanitizer into clean JSON Lines with precise file/line/field errors. All files are staged, then committed
 * in one transaction: a failing file commits nothing.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { InputError } from "../errors.js";
import type { Coverage, LoadedSnapshot, LoadSession, StageResult, Store } from "../store/store.js";
import { commitData } from "./commit-data.js";
import { dateFromFileName, impossibleDateInName } from "./import/dates.js";
import { detectFormat } from "./import/detect.js";
import { sanitizeToJsonl } from "./import/sanitize.js";

/** Options of one import run. */
export interface ImportOptions {
  /** Snapshot date for every row (overrides row, document and file-name dates). */
  date?: string;
  /** Any malformed row is fatal (default: skip, count and report). */
  strict?: boolean;
  /**
   * What the files cover: `full` only when the user states it (`--coverage full`: the files hold a whole listing),
   * else partial; `how` describes the selection (default: "imported file(s)", selection not stated).
   */
  coverage?: { kind?: Coverage["kind"]; how?: string };
  /** Called after each file is staged. */
  onFile?: (report: FileReport) => void;
}

/** What one file contributed. */
export interface FileReport {
  file: string;
  format: string;
  path: "fast" | "sanitized";
  rows: number;
  malformed: number;
  dates: string[];
  problems: Array<{ line: number; field?: string; problem: string }>;
}

/** Result of an import: the snapshots written and a report per file. */
export interface ImportResult {
  snapshots: LoadedSnapshot[];
  files: FileReport[];
}

/** Imports files into the store as snapshots; throws InputError (nothing committed) on bad input. */
export async function importFiles(store: Store, files: string[], opts: ImportOptions = {}): Promise<ImportResult> {
  if (files.length === 0) throw new InputError("no input files given");
  const tmp = mkdtempSync(path.join(os.tmpdir(), "omo-import-"));
  const session = await store.beginLoad();
  const reports: FileReport[] = [];
  // the shipped aliases, licence map and re-upload rule are read (in JS) while DuckDB stages the files
  const data = commitData();
  data.catch(() => undefined); // a failure is thrown where it is awaited, not as an unhandled rejection
  try {
    let n = 0;
    for (const file of files) {
      n += 1;
      const report = await stageFile(session, file, path.join(tmp, `clean-${n}.jsonl`), opts);
      reports.push(report);
      opts.onFile?.(report);
    }
    const malformed = reports.reduce((a, r) => a + r.malformed, 0);
    const snapshots = await session.commit({
      source: describeSource(files),
      malformed,
      coverage: importCoverage(files, opts.coverage),
      ...(await data),
    });
    return { snapshots, files: reports };
  } catch (err) {
    await session.abort();
    throw err;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * The coverage of imported files: partial unless the user states `full`. `how` is the user's description, else
 * "imported file" (the selection is not known: a dump may be a top-N list, one organisation, or a whole listing).
 */
export function importCoverage(files: readonly string[], given?: ImportOptions["coverage"]): Coverage {
  const kind = given?.kind ?? "partial";
  const what = files.length === 1 ? "imported file" : "imported files";
  if (given?.how) return { kind, how: given.how };
  return kind === "full"
    ? { kind, how: `${what}, stated to hold the whole listing (--coverage full)` }
    : { kind, how: `${what} (selection not stated; --coverage full if it holds the whole listing)` };
}

/** The snapshot's `source` text: the file names, shortened when many. */
function describeSource(files: string[]): string {
  const names = files.map((f) => path.basename(f));
  return names.length <= 3
    ? `import:${names.join(",")}`
    : `import:${names.slice(0, 2).join(",")},+${names.length - 2} more`;
}

async function stageFile(
  session: LoadSession,
  file: string,
  cleanPath: string,
  opts: ImportOptions,
): Promise<FileReport> {
  const format = await detectFormat(file);
  // a date in the file name, else in the folder name (`2024-07-11/models.jsonl.gz`)
  const fileDate = opts.date ?? dateFromFileName(file) ?? dateFromFileName(path.dirname(file));
  const strict = opts.strict ?? false;
  if (format === "jsonl" || format === "json-array" || format === "parquet") {
    let fast: StageResult | null = null;
    try {
      fast = await session.stage({ path: file, format, label: file, defaultDate: fileDate });
    } catch (err) {
      if (err instanceof InputError) throw err; // the store named the problem (a Parquet file without ids)
      fast = null; // the reader rejected the file: let the sanitizer find and name the problem
    }
    if (fast && fast.malformed === 0) return checkDated(file, format, "fast", fast, []);
    if (format === "parquet") {
      // Parquet is typed, so only the row rules remain (src/domain/record-rules.ts: id, counts, dates): the commit
      // drops the rows that break one and they are counted here; --strict refuses the file, and so does a file
      // with no sound row.
      if (!fast) throw new InputError("not a readable Parquet file", { file });
      const field = fast.firstBadField ? ` (field "${fast.firstBadField}")` : "";
      if (strict || fast.malformed === fast.rows) {
        await session.unstageLast();
        const what = fast.malformed === fast.rows ? `no valid model rows: all ${fast.rows}` : `${fast.malformed}`;
        throw new InputError(`${what} rows malformed${field}`, { file });
      }
      return checkDated(file, format, "fast", fast, []);
    }
    if (fast) await session.unstageLast();
  }
  const clean = await sanitizeToJsonl({ path: file, format, strict, defaultDate: fileDate ?? undefined }, cleanPath);
  const staged = await session.stage({
    path: cleanPath,
    format: "jsonl",
    label: file,
    defaultDate: opts.date ?? clean.documentDate ?? fileDate,
  });
  return checkDated(file, format, "sanitized", { ...staged, malformed: clean.malformed }, clean.firstProblems);
}

function checkDated(
  file: string,
  format: string,
  route: FileReport["path"],
  r: StageResult,
  problems: FileReport["problems"],
): FileReport {
  if (r.rows === 0) throw new InputError("no models found in file", { file });
  if (r.undated > 0) {
    const impossible = impossibleDateInName(file);
    if (impossible) {
      throw new InputError(
        `no snapshot date: the file name holds "${impossible}", which is not a real date; give --date YYYY-MM-DD`,
        { file },
      );
    }
    throw new InputError(
      "no snapshot date: give --date YYYY-MM-DD, or use a file with a date column or a date in its name or folder",
      { file },
    );
  }
  return { file, format, path: route, rows: r.rows, malformed: r.malformed, dates: r.dates, problems };
}
