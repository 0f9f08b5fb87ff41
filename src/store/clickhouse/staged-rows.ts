/**
 * The rows the one normaliser (src/store/duckdb/staging.ts) staged and cleaned, sent from the load's in-process
 * DuckDB to the ClickHouse server: DuckDB writes each SELECT below to CSV files (`COPY … (FORMAT CSV)`), streamed
 * to the server as CSV. Only the representation changes here, to ClickHouse 18.16's types: timestamps as
 * whole-second `DateTime` text (null outside 1970..2105, the type's range), booleans as 0/1, a missing tag list as
 * `[]` with `tags_known` = 0 (no Nullable(Array)).
 *
 * CSV, not JSON Lines as before: on a quarter of the full listing DuckDB wrote the file in 0.5 s instead of 0.9 s and
 * the server parsed it in 0.6 s instead of 0.7 s (same rows, by a hash of every column). Every text field is quoted,
 * so a text `\N` stays text (an unquoted `\N` is NULL) and one starting with `'` is not read as single-quoted; an
 * `Array(String)` is one quoted field holding ClickHouse's array text (`['a','b\'c']`).
 */
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { type DuckDBConnection, DuckDBInstance } from "@duckdb/node-api";
import { lineageKnown } from "../duckdb/stage-sql.js";
import { instanceOptions } from "../duckdb/threads.js";
import type { ClickHouseConnection } from "./connection.js";

/** A DuckDB TIMESTAMP as ClickHouse `DateTime` text, or null outside the type's range. */
const dateTime = (c: string) =>
  `CASE WHEN year(${c}) BETWEEN 1970 AND 2105 THEN strftime(${c}, '%Y-%m-%d %H:%M:%S') END AS ${c}`;

/** Columns of the staged models on ClickHouse (a Memory table per load, on the coordinator). */
export const STAGED_MODEL_COLUMNS = `snap_date Date, key String, id String, author String, downloads Nullable(Int64),
  downloads_all_time Nullable(Int64), likes Nullable(Int64), trending_score Nullable(Float64),
  created_at Nullable(DateTime), last_modified Nullable(DateTime), pipeline_tag Nullable(String),
  library_name Nullable(String), license Nullable(String), gated Nullable(String), private Nullable(UInt8),
  tags Array(String), tags_known UInt8, lineage_known UInt8`;

/** The staged models, one per (date, key), as {@link STAGED_MODEL_COLUMNS} (DuckDB). */
const MODEL_ROWS = `SELECT snap_date, key, id, author, downloads, downloads_all_time, likes, trending_score,
  ${dateTime("created_at")}, ${dateTime("last_modified")}, pipeline_tag, library_name, license, gated,
  CAST(private AS UTINYINT) AS private, coalesce(tags, []::VARCHAR[]) AS tags,
  CAST(tags IS NOT NULL AS UTINYINT) AS tags_known, CAST(${lineageKnown("stage_model")} AS UTINYINT) AS lineage_known
FROM stage_model WHERE snap_date IS NOT NULL`;

/** Columns of the staged lineage links on ClickHouse (as `stage_link`; the load id is added when they are stored). */
export const STAGED_LINK_COLUMNS = `date Date, child_key String, parent_key String, parent_id String, relation String,
  origin String`;

/** The staged lineage links (`stage_link`: aliases resolved, one per child and parent), as {@link STAGED_LINK_COLUMNS}. */
const LINK_ROWS = `SELECT snap_date AS date, child_key, parent_key, parent_id, relation, origin FROM stage_link
WHERE snap_date IS NOT NULL`;

/** The names and types of a column list (`name Type, …`). */
function columnsOf(columns: string): { name: string; type: string }[] {
  return columns.split(/,\s*(?![^()]*\))/).map((c) => {
    const [name = "", ...type] = c.trim().split(/\s+/);
    return { name, type: type.join(" ") };
  });
}

/** A DuckDB text expression as a ClickHouse string literal of the text formats (`\` and `'` escaped). */
const chQuoted = (x: string) => `'''' || replace(replace(${x}, '\\', '\\\\'), '''', '\\''') || ''''`;

/**
 * The CSV file's columns, in the order of `cols` (the table's), from the DuckDB SELECT `select`: an `Array(String)`
 * as one field of ClickHouse's array text (a NULL element, which an array of String cannot hold, left out); `quoted`,
 * the text columns.
 */
function csvSelect(select: string, cols: readonly { name: string; type: string }[]): { sql: string; quoted: string[] } {
  const exprs = cols.map(({ name, type }) =>
    type === "Array(String)"
      ? `'[' || array_to_string(list_transform(list_filter(${name}, x -> x IS NOT NULL), x -> ${chQuoted("x")}), ',') || ']' AS ${name}`
      : name,
  );
  return {
    sql: `SELECT ${exprs.join(", ")} FROM (${select})`,
    quoted: cols.filter((c) => c.type.includes("String")).map((c) => c.name),
  };
}

/** An in-process DuckDB for one load's staging. */
export interface StagingDuckDB {
  conn: DuckDBConnection;
  close(): Promise<void>;
}

/**
 * Opens an in-memory DuckDB. Its spill folder is named, not made: DuckDB creates it only if the staged rows outgrow
 * memory, so a load killed before that leaves nothing behind.
 */
export async function openStagingDuckDB(): Promise<StagingDuckDB> {
  const spill = path.join(os.tmpdir(), `omo-ch-stage-${process.pid}-${randomBytes(6).toString("hex")}`);
  const instance = await DuckDBInstance.create(":memory:", instanceOptions({ temp_directory: spill }));
  const conn = await instance.connect();
  return {
    conn,
    close: async () => {
      conn.closeSync();
      instance.closeSync();
      await rm(spill, { recursive: true, force: true });
    },
  };
}

/**
 * Writes the rows of a DuckDB SELECT to CSV files, `parts` of them (split by `hash(key)`), and streams each into
 * `table` on ClickHouse: the server parses one part while DuckDB writes the next, one INSERT at a time (the full
 * listing's models, load profile at 30 days: the server parsed one file for 1.1 s after DuckDB had written it whole).
 */
async function send(
  duck: StagingDuckDB,
  select: string,
  ch: ClickHouseConnection,
  table: string,
  columns: string,
  parts = 1,
): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "omo-ch-rows-"));
  let sending: Promise<void> = Promise.resolve();
  let failed = false;
  try {
    // the rows' order does not matter here (the staging's "last row wins" ran already): without keeping it, DuckDB
    // writes the file in parallel without buffering it (full listing: peak 1,050 → 570 MB)
    await duck.conn.run("SET preserve_insertion_order = false");
    try {
      const cols = columnsOf(columns);
      const names = cols.map((c) => c.name);
      // a failed INSERT stops the writing of further parts (and the later parts' INSERTs); `await sending` throws it
      for (let i = 0; i < parts && !failed; i++) {
        const file = path.join(dir, `rows-${i}.csv`);
        const part = parts === 1 ? select : `SELECT * FROM (${select}) WHERE hash(key) % ${parts} = ${i}`;
        const csv = csvSelect(part, cols);
        await duck.conn.run(
          `COPY (${csv.sql}) TO $path (FORMAT CSV, HEADER false, NULLSTR '\\N', FORCE_QUOTE (${csv.quoted.join(", ")}))`,
          { path: file },
        );
        sending = sending.then(() => ch.insertCsvFile(table, names, file));
        sending.catch(() => {
          failed = true;
        });
      }
    } finally {
      await duck.conn.run("RESET preserve_insertion_order");
    }
    await sending;
  } finally {
    // every INSERT has ended (or failed) before the files go
    await sending.catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  }
}

/** The staged models are sent in this many parts (see {@link send}). */
const MODEL_PARTS = 4;

/** Sends the staged models into `table` (created with {@link STAGED_MODEL_COLUMNS}). */
export function sendStagedModels(duck: StagingDuckDB, ch: ClickHouseConnection, table: string): Promise<void> {
  return send(duck, MODEL_ROWS, ch, table, STAGED_MODEL_COLUMNS, MODEL_PARTS);
}

/** Sends the staged lineage links into `table` (created with {@link STAGED_LINK_COLUMNS}). */
export function sendStagedLinks(duck: StagingDuckDB, ch: ClickHouseConnection, table: string): Promise<void> {
  return send(duck, LINK_ROWS, ch, table, STAGED_LINK_COLUMNS);
}
