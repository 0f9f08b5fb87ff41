/**
 * The query catalog pattern: every number omo shows comes from a named, parameterised query defined here once.
 * CLI commands, API routes, the report and the dashboard run catalog entries by name, so the same question gets
 * the same number everywhere, and the SQL shown to users ("how is this computed?") is the SQL that ran.
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { z } from "zod";
import { InputError } from "../errors.js";

/** A parameter (checked by every store and by "how is this computed?") the query's schema refuses, as an input error naming it. */
export function paramError(query: string, err: z.ZodError): InputError {
  const issue = err.issues[0];
  const field = issue?.path.join(".") || undefined;
  return new InputError(`invalid parameter for query "${query}": ${issue?.message ?? "invalid"}`, { field });
}

/** SQL of a query per store dialect; `clickhouse` is optional where the DuckDB text works unchanged. */
export interface DialectSql {
  duckdb: string;
  /**
   * The DuckDB text reading the lineage walk a load stored (`family_walk`, `family_member`: migration 009) instead
   * of walking it: the same answer, which the DuckDB store runs when it holds the walk of the bound `official`,
   * `relations` and `depth` (every family's walk of `officials` for families-ranking); else it runs `duckdb`. The
   * family queries have one.
   */
  duckdbStored?: string;
  clickhouse?: string;
  /**
   * The ClickHouse text reads the family lineage walk (DuckDB's recursive CTE `tree`) as table `family_walk`
   * (key, depth, relation, via, path): the ClickHouse store computes it first for the bound `official`, `relations`
   * and `depth` (src/store/clickhouse/family-walk.ts), since ClickHouse 18.16 has no recursive CTEs. `"families"`:
   * one walk per family of the parallel lists `families` / `officials`, in one table with a `family` column.
   */
  clickhouseWalk?: boolean | "families";
  /**
   * A ClickHouse SELECT of one column `key` (it may bind the query's `$params` and read `family_walk`) that the
   * ClickHouse store runs first; the ClickHouse text then reads those keys as the constant set `$member_keys`
   * (`key IN $member_keys`), so each shard reads its statistics through the primary key.
   */
  clickhouseMembers?: string;
  /**
   * The ClickHouse text the store runs when every parameter `clickhouseRollupWhenNull` names is null: the same answer
   * as `clickhouse`, read from the roll-ups written at load alone. 18.16 analyses and prepares every table read of a
   * text, even of a branch whose condition is a constant false once the values are bound (a few ms each), so the
   * query that only reads a roll-up without filters gets a text of its own.
   */
  clickhouseRollup?: string;
  /** The parameters that must all be null for `clickhouseRollup` to run. */
  clickhouseRollupWhenNull?: readonly string[];
  /**
   * The ClickHouse text the store runs when exactly one of the parameters `clickhouseRollupWhenNull` names is set (the
   * others null): the same answer as `clickhouse`, read from a roll-up written at load per value of that parameter
   * (org-ranking with a task or a library filter). With more than one set, the store runs `clickhouse`.
   */
  clickhouseRollupOne?: string;
  /**
   * The ClickHouse text the store runs instead of `clickhouse` when it holds the stored walk of the bound parameters
   * (the registry's families, default relations and depth): it reads the per-date aggregates written at load with
   * that walk (`rollup_family_rows`, src/store/clickhouse/family-rollups.ts) — the same answer — and may still read
   * `family_walk` (the stored walk). family-series, family-totals, families-ranking and family-breakdown have one.
   */
  clickhouseStored?: string;
}

/**
 * The folder of the query files: `<project>/src/queries` (this module is in `src/queries`, `dist/queries` or
 * `dist/cli-bundle`, all two folders below the project, and the package ships `src`).
 */
export const QUERIES_DIR = fileURLToPath(new URL("../../src/queries/", import.meta.url));

/** The SQL files a query folder may hold, by the {@link DialectSql} field each fills. */
export const SQL_FILES = {
  duckdb: "duckdb.sql",
  duckdbStored: "duckdb-stored.sql",
  clickhouse: "clickhouse.sql",
  clickhouseMembers: "clickhouse-members.sql",
  clickhouseRollup: "clickhouse-rollup.sql",
  clickhouseRollupOne: "clickhouse-rollup-one.sql",
  clickhouseStored: "clickhouse-stored.sql",
} as const;

/** The folder of the pieces of SQL several query files share: `src/queries/pieces/<piece>.sql`. */
export const PIECES_DIR = `${QUERIES_DIR}pieces/`;

/** Where a query file takes a piece: `/* piece: <name> *\/`, replaced by the text of `pieces/<name>.sql`. */
export const PIECE_MARK = /\/\* piece: ([^*]*?) \*\//g;

/**
 * A query file's text with every {@link PIECE_MARK} replaced by its piece ({@link pieceText}: a piece may begin and
 * end inside a line), its own pieces replaced in turn. `where` names the file for errors (a piece that is not there,
 * a piece that takes itself).
 */
export function withPieces(
  text: string,
  where: string,
  readPiece: (name: string) => string | undefined = readPieceFile,
  taking: readonly string[] = [],
): string {
  return text.replace(PIECE_MARK, (_mark, name: string, at: number) => {
    const place = `${where}:${text.slice(0, at).split("\n").length}`;
    if (taking.includes(name))
      throw new Error(`${place}: the piece "${name}" takes itself (${[...taking, name].join(" → ")})`);
    const piece = readPiece(name);
    if (piece === undefined) throw new Error(`${place}: no piece of SQL "${name}" (${PIECES_DIR}${name}.sql)`);
    const own = pieceText(piece);
    return withPieces(own, `pieces/${name}.sql`, readPiece, [...taking, name]);
  });
}

/**
 * What a piece file puts in place of its mark: the file without the comment lines it begins with (they describe the
 * piece) and without its final newline.
 */
export function pieceText(file: string): string {
  const text = file.replace(/^(?:--[^\n]*\n)*/, "");
  return text.endsWith("\n") ? text.slice(0, -1) : text;
}

/** The piece files read so far, by name (null: none of that name). */
const pieceFiles = new Map<string, string | null>();

/** The text of a piece file, or undefined when there is none of that name. */
function readPieceFile(name: string): string | undefined {
  if (!pieceFiles.has(name)) {
    const file = `${PIECES_DIR}${name}.sql`;
    pieceFiles.set(name, /^[a-z0-9-]+$/.test(name) && existsSync(file) ? readFileSync(file, "utf8") : null);
  }
  return pieceFiles.get(name) ?? undefined;
}

/** The piece `name` with its own pieces: for code that writes the same SQL as the query files (the stores' loads). */
export function sqlPiece(name: string): string {
  return withPieces(`/* piece: ${name} */`, `piece "${name}"`);
}

/**
 * The SQL of the query `src/queries/<name>/`: `duckdb.sql` (required), `duckdb-stored.sql` (see
 * {@link DialectSql.duckdbStored}), `clickhouse.sql` (where the dialect differs), `clickhouse-members.sql` (see
 * {@link DialectSql.clickhouseMembers}), `clickhouse-rollup.sql` (see {@link DialectSql.clickhouseRollup}, run when
 * the parameters `opts.clickhouseRollupWhenNull` names are null), `clickhouse-rollup-one.sql` (see
 * {@link DialectSql.clickhouseRollupOne}, run when exactly one of them is set) and `clickhouse-stored.sql` (see
 * {@link DialectSql.clickhouseStored}), read when first asked for, with their pieces ({@link withPieces}): the text the
 * stores run and "how is this computed?" shows.
 */
export function sqlFiles(
  name: string,
  opts: { clickhouseWalk?: boolean | "families"; clickhouseRollupWhenNull?: readonly string[] } = {},
): DialectSql {
  const cache = new Map<keyof typeof SQL_FILES, string | undefined>();
  const read = (field: keyof typeof SQL_FILES): string | undefined => {
    if (!cache.has(field)) {
      const file = `${QUERIES_DIR}${name}/${SQL_FILES[field]}`;
      cache.set(
        field,
        field === "duckdb" || existsSync(file)
          ? withPieces(readFileSync(file, "utf8"), `${name}/${SQL_FILES[field]}`)
          : undefined,
      );
    }
    return cache.get(field);
  };
  return {
    get duckdb() {
      return read("duckdb") as string;
    },
    get duckdbStored() {
      return read("duckdbStored");
    },
    get clickhouse() {
      return read("clickhouse");
    },
    get clickhouseMembers() {
      return read("clickhouseMembers");
    },
    get clickhouseRollup() {
      return read("clickhouseRollup");
    },
    get clickhouseRollupOne() {
      return read("clickhouseRollupOne");
    },
    get clickhouseStored() {
      return read("clickhouseStored");
    },
    ...(opts.clickhouseWalk ? { clickhouseWalk: opts.clickhouseWalk } : {}),
    ...(opts.clickhouseRollupWhenNull ? { clickhouseRollupWhenNull: opts.clickhouseRollupWhenNull } : {}),
  };
}

/**
 * A named query: zod-validated parameters bound as `$name` placeholders (never spliced into SQL text),
 * the SQL, and a zod schema of one result row.
 */
export interface CatalogQuery<P, R> {
  name: string;
  description: string;
  params: z.ZodType<P>;
  sql: DialectSql;
  row: z.ZodType<R>;
  /** How long an answer stays true (see {@link CacheHint}). */
  cache: CacheHint;
}

/**
 * How long a query's answer stays true, for caches: `data` — until the store's data changes (a load, an import);
 * `day` — also until the UTC day ends, for a query that reads today's date (prices in force today). The API keys its
 * response cache and ETags on it (src/server/http.ts).
 */
export type CacheHint = "data" | "day";

/**
 * Declares a catalog query; an identity function that keeps the parameter and row types inferred, and the parameter
 * schema itself (an API route takes its parameters' zod types from the query it runs, e.g. `searchModels.params.shape`).
 */
export function defineQuery<PS extends z.ZodType, RS extends z.ZodType>(q: {
  name: string;
  description: string;
  params: PS;
  sql: DialectSql;
  row: RS;
  /** Default `data`. */
  cache?: CacheHint;
}): CatalogQuery<z.output<PS>, z.output<RS>> & { params: PS } {
  return { ...q, cache: q.cache ?? "data" } as unknown as CatalogQuery<z.output<PS>, z.output<RS>> & { params: PS };
}

/** Names of the `$name` placeholders a SQL text uses, so a store binds exactly those. */
export function placeholders(sql: string): string[] {
  const names = new Set<string>();
  for (const m of sql.matchAll(/\$([a-zA-Z_][a-zA-Z0-9_]*)/g)) names.add(m[1] as string);
  return [...names];
}
