/**
 * `omo leaderboard import`: reads leaderboard tables (every LMArena header variant of ../shared/data/leaderboards,
 * the 2023 blog tables, the 2026 rank-spread tables, the Open LLM Leaderboard v1 and v2) into dated tables, through the
 * one CSV reader (src/formats/csv.ts). Every file is read and checked before anything is stored; a bad cell is a
 * one-line error naming file, line and field, and then nothing is stored.
 */
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { type Board, boardOfFolder, coverageOf, loadBoards } from "../domain/leaderboards.js";
import { InputError } from "../errors.js";
import { type CsvObject, readCsvObjects } from "../formats/csv.js";
import { IsoDate } from "../queries/common.js";
import type { LeaderboardEntryRow, LeaderboardLoad, LoadedLeaderboard, Store } from "../store/store.js";
import { dateFromFileName } from "./import/dates.js";

/** A header variant: its columns (all must be there), the board it belongs to by default, and its row reader. */
interface FormatSpec {
  format: string;
  board: string;
  /** Columns the header must have. */
  required: readonly string[];
  /** Columns the header must not have (tells otherwise similar variants apart). */
  absent?: readonly string[];
  /** Whether a row may lack a score (the 2023 blog table lists models without an arena rating). */
  scoreOptional?: boolean;
  read(c: Cells): Omit<LeaderboardEntryRow, "pos" | "line">;
}

/** The cells of one row with typed, located readers. */
class Cells {
  constructor(
    private readonly row: CsvObject,
    private readonly file: string,
  ) {}

  private fail(field: string, problem: string): never {
    throw new InputError(problem, { file: this.file, line: this.row.line, field });
  }

  /** The cell as written, trimmed; null when empty. */
  text(field: string): string | null {
    const v = (this.row.values[field] ?? "").trim();
    return v === "" ? null : v;
  }

  /** A finite number, null when empty (or an error when `required`). */
  num(field: string, required = false): number | null {
    const v = this.text(field);
    if (v === null) {
      if (required) this.fail(field, "missing value: expected a number");
      return null;
    }
    const n = Number(v);
    if (!Number.isFinite(n)) this.fail(field, `expected a number, got ${JSON.stringify(v.slice(0, 40))}`);
    return n;
  }

  /** A non-negative integer, null when empty. */
  count(field: string): number | null {
    const n = this.num(field);
    if (n !== null && (!Number.isInteger(n) || n < 0)) {
      this.fail(field, `expected a non-negative whole number, got ${JSON.stringify(this.text(field))}`);
    }
    return n;
  }

  /** A confidence interval `+a/-b` (arena/) or `±a` (arena-2026, arena-extra): upper and lower half-widths. */
  ci(field: string): { plus: number | null; minus: number | null } {
    const v = this.text(field);
    if (v === null) return { plus: null, minus: null };
    const pm = /^\+\s*(\d+(?:\.\d+)?)\s*\/\s*-\s*(\d+(?:\.\d+)?)$/.exec(v);
    if (pm) return { plus: Number(pm[1]), minus: Number(pm[2]) };
    const sym = /^±\s*(\d+(?:\.\d+)?)$/.exec(v);
    if (sym) return { plus: Number(sym[1]), minus: Number(sym[1]) };
    return this.fail(field, `expected a confidence interval "+a/-b" or "±a", got ${JSON.stringify(v.slice(0, 40))}`);
  }

  /** A listed price `$in/$out` per 1M tokens; empty or `N/A` is none. */
  price(field: string): { input: number | null; output: number | null } {
    const v = this.text(field);
    if (v === null || v.toUpperCase() === "N/A") return { input: null, output: null };
    const m = /^\$(\d+(?:\.\d+)?)\s*\/\s*\$(\d+(?:\.\d+)?)$/.exec(v);
    if (!m) this.fail(field, `expected a price "$input/$output", got ${JSON.stringify(v.slice(0, 40))}`);
    return { input: Number(m[1]), output: Number(m[2]) };
  }

  /** `1` or empty. */
  flag(field: string): boolean {
    const v = this.text(field);
    if (v === null || v === "0") return false;
    if (v === "1") return true;
    return this.fail(field, `expected 1 or empty, got ${JSON.stringify(v.slice(0, 40))}`);
  }

  /** The model name (required). */
  model(field: string): string {
    const v = this.text(field);
    if (v === null) this.fail(field, "missing model name");
    if (v.length > 500) this.fail(field, "model name longer than 500 characters");
    return v;
  }
}

const NONE = {
  rank: null,
  rankLo: null,
  rankHi: null,
  rankStyle: null,
  ciPlus: null,
  ciMinus: null,
  preliminary: false,
  votes: null,
  organization: null,
  license: null,
  url: null,
  knowledgeCutoff: null,
  priceInput: null,
  priceOutput: null,
  context: null,
  paramsB: null,
} as const;

/** The LMArena tables of arena/ (fboulnois): three header variants, differing in the score column and style rank. */
function arenaRow(scoreColumn: string) {
  return (c: Cells) => {
    const ci = c.ci("95_pct_ci");
    return {
      ...NONE,
      model: c.model("model"),
      rank: c.count("rank"),
      rankStyle: c.count("rank_stylectrl"),
      score: c.num(scoreColumn, true),
      ciPlus: ci.plus,
      ciMinus: ci.minus,
      votes: c.count("votes"),
      organization: c.text("organization"),
      license: c.text("license"),
      url: c.text("url"),
      knowledgeCutoff: c.text("knowledge_cutoff"),
    };
  };
}

const ARENA_COMMON = ["rank", "model", "95_pct_ci", "votes", "organization", "license", "knowledge_cutoff", "url"];

/** Every header variant omo reads, most specific first. */
export const FORMATS: readonly FormatSpec[] = [
  {
    format: "arena-stylectrl",
    board: "arena-text",
    required: [...ARENA_COMMON, "rank_stylectrl", "arena_score"],
    read: arenaRow("arena_score"),
  },
  {
    format: "arena-score",
    board: "arena-text",
    required: [...ARENA_COMMON, "arena_score"],
    absent: ["rank_stylectrl", "rank_lo"],
    read: arenaRow("arena_score"),
  },
  {
    format: "arena-elo",
    board: "arena-text",
    required: [...ARENA_COMMON, "arena_elo"],
    read: arenaRow("arena_elo"),
  },
  {
    format: "arena-spread",
    board: "arena-text",
    required: ["rank", "rank_lo", "rank_hi", "model", "arena_score", "95_pct_ci", "votes", "organization", "license"],
    read: (c) => {
      const ci = c.ci("95_pct_ci");
      const price = c.price("price_usd_per_mtok");
      const context = c.text("context");
      return {
        ...NONE,
        model: c.model("model"),
        rank: c.count("rank"),
        rankLo: c.count("rank_lo"),
        rankHi: c.count("rank_hi"),
        score: c.num("arena_score", true),
        ciPlus: ci.plus,
        ciMinus: ci.minus,
        preliminary: c.flag("preliminary"),
        votes: c.count("votes"),
        organization: c.text("organization"),
        license: c.text("license"),
        priceInput: price.input,
        priceOutput: price.output,
        context: context === "N/A" ? null : context,
      };
    },
  },
  {
    format: "arena-blog",
    board: "arena-text",
    required: ["rank", "model", "arena_score", "votes", "license", "organization", "url"],
    absent: ["95_pct_ci"],
    scoreOptional: true,
    read: (c) => ({
      ...NONE,
      model: c.model("model"),
      rank: c.count("rank"),
      score: c.num("arena_score"),
      votes: c.count("votes"),
      organization: c.text("organization"),
      license: c.text("license"),
      url: c.text("url"),
    }),
  },
  {
    format: "open-llm-v2",
    board: "open-llm-v2",
    required: ["id", "model_name", "model_average_score", "metadata_hub_license", "metadata_params_billions"],
    read: (c) => ({
      ...NONE,
      model: c.model("model_name"),
      score: c.num("model_average_score", true),
      license: c.text("metadata_hub_license"),
      paramsB: c.num("metadata_params_billions"),
    }),
  },
  {
    format: "open-llm-v1",
    board: "open-llm-v1",
    required: ["fullname", "average", "hub_license", "params_b", "url"],
    read: (c) => ({
      ...NONE,
      model: c.model("fullname"),
      score: c.num("average", true),
      license: c.text("hub_license"),
      url: c.text("url"),
      paramsB: c.num("params_b"),
    }),
  },
];

/** The header variant of a header line, or an error listing what omo reads. */
export function detectLeaderboardFormat(header: readonly string[], file: string): FormatSpec {
  const cols = new Set(header);
  const spec = FORMATS.find((f) => f.required.every((c) => cols.has(c)) && !(f.absent ?? []).some((c) => cols.has(c)));
  if (spec) return spec;
  throw new InputError(
    `not a leaderboard table omo reads: header ${JSON.stringify(header.slice(0, 6).join(","))}… matches none of ${FORMATS.map((f) => f.format).join(", ")}`,
    { file, line: 1 },
  );
}

/** Options of an import. */
export interface LeaderboardImportOptions {
  /** The board of every file (default: from its folder, else from its header variant). */
  board?: string;
  /** The date of every file (default: from its file name). */
  date?: string;
}

/** Reads and checks one file into a table to store. */
export async function readLeaderboardFile(
  file: string,
  boards: readonly Board[],
  opts: LeaderboardImportOptions = {},
): Promise<LeaderboardLoad> {
  const { header, rows } = await readCsvObjects(file);
  const spec = detectLeaderboardFormat(header, file);
  const boardName = opts.board ?? boardOfFolder(boards, path.basename(path.dirname(file)))?.board ?? spec.board;
  const board = boards.find((b) => b.board === boardName);
  if (!board) {
    throw new InputError(
      `unknown leaderboard "${boardName}": known ${boards.map((b) => b.board).join(", ")} (data/leaderboards/boards.yaml)`,
      { file },
    );
  }
  if (spec.board !== board.board) {
    throw new InputError(`a ${spec.format} table cannot be imported into the board ${board.board}`, { file });
  }
  const date = opts.date ?? dateFromFileName(file);
  if (!date) throw new InputError("no date: give --date YYYY-MM-DD or use a file named by its date", { file });
  if (!IsoDate.safeParse(date).success) throw new InputError(`not a real calendar date: ${date}`, { file });
  if (rows.length === 0) throw new InputError("no rows below the header", { file });
  const entries: LeaderboardEntryRow[] = rows.map((row, i) => ({
    pos: i + 1,
    line: row.line,
    ...spec.read(new Cells(row, file)),
  }));
  return { board: board.board, date, source: file, format: spec.format, coverage: coverageOf(board, date), entries };
}

/** A folder's leaderboard files, recursively: CSV files (plain or .gz) whose name carries a date. */
async function filesUnder(dir: string, skipped: Array<{ file: string; reason: string }>): Promise<string[]> {
  const out: string[] = [];
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    const p = path.join(dir, name);
    const s = await stat(p);
    if (s.isDirectory()) out.push(...(await filesUnder(p, skipped)));
    else if (!/\.csv(\.gz)?$/i.test(name)) continue;
    else if (!dateFromFileName(name)) skipped.push({ file: p, reason: "no date in the file name" });
    else out.push(p);
  }
  return out;
}

/** Expands files and folders into the files to read (folders: dated CSV files, recursively). */
export async function expandLeaderboardPaths(
  paths: readonly string[],
): Promise<{ files: string[]; skipped: Array<{ file: string; reason: string }> }> {
  const files: string[] = [];
  const skipped: Array<{ file: string; reason: string }> = [];
  for (const p of paths) {
    let s: Awaited<ReturnType<typeof stat>>;
    try {
      s = await stat(p);
    } catch {
      throw new InputError("no such file or folder", { file: p });
    }
    if (s.isDirectory()) files.push(...(await filesUnder(p, skipped)));
    else files.push(p);
  }
  return { files, skipped };
}

/** What an import did. */
export interface LeaderboardImportResult {
  loaded: LoadedLeaderboard[];
  skipped: Array<{ file: string; reason: string }>;
}

/**
 * Imports leaderboard files and folders: every file is read and checked first (a bad cell stops the import with
 * file:line:field), two files of one board and date are refused, then all tables are stored in one atomic step.
 */
export async function importLeaderboardFiles(
  store: Store,
  paths: readonly string[],
  opts: LeaderboardImportOptions = {},
): Promise<LeaderboardImportResult> {
  if (paths.length === 0) throw new InputError("no input files given");
  if (opts.date !== undefined && !IsoDate.safeParse(opts.date).success) {
    throw new InputError(`invalid --date "${opts.date}": expected a real calendar date YYYY-MM-DD`);
  }
  const boards = await loadBoards();
  const { files, skipped } = await expandLeaderboardPaths(paths);
  if (files.length === 0) throw new InputError(`no leaderboard files found in ${paths.join(", ")}`);
  const loads: LeaderboardLoad[] = [];
  const seen = new Map<string, string>();
  for (const file of files) {
    const load = await readLeaderboardFile(file, boards, opts);
    const key = `${load.board} ${load.date}`;
    const prior = seen.get(key);
    if (prior !== undefined) {
      throw new InputError(`a second table of ${load.board} for ${load.date} (the first is ${prior})`, { file });
    }
    seen.set(key, file);
    loads.push(load);
  }
  const loaded = await store.importLeaderboards(loads);
  return { loaded, skipped };
}
