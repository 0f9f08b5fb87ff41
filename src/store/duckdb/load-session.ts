/**
 * An atomic snapshot load on DuckDB: files are staged into temporary tables (nothing persistent changes), then
 * `commit` replaces every staged date inside one transaction. A crash before COMMIT leaves the database as it was.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { InputError } from "../../errors.js";
import type { LicenceClassRow, LoadedSnapshot, LoadSession, StageInput, StageResult } from "../store.js";
import * as C from "./commit-sql.js";
import { writeLicences } from "./licence-sql.js";
import * as N from "./normalize-sql.js";
import * as S from "./stage-sql.js";

/** A load in progress on one connection; create it with {@link openLoadSession}. */
class DuckDBLoadSession implements LoadSession {
  private fileNo = 0;
  /** Malformed and duplicate counts of each staged file, so commit can skip passes that have nothing to do. */
  private readonly staged = new Map<number, { malformed: number; dups: number }>();
  private closed = false;
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly release: () => void,
  ) {}

  async stage(input: StageInput): Promise<StageResult> {
    this.assertOpen();
    this.fileNo += 1;
    const bind = { file_no: this.fileNo, path: input.path, default_date: input.defaultDate, ...S.RULE_BINDINGS };
    if (input.format === "jsonl") await this.conn.run(S.STAGE_JSONL, bind);
    else if (input.format === "json-array") await this.conn.run(S.STAGE_JSON_ARRAY, bind);
    else {
      const cols = await this.conn.runAndReadAll(S.DESCRIBE_PARQUET, { path: input.path });
      const present = new Set(cols.getRowObjectsJS().map((r) => String(r.column_name)));
      if (!present.has("id")) {
        this.fileNo -= 1;
        const found = [...present].slice(0, 12).join(", ");
        throw new InputError(`no "id" column: not a Hub model listing (columns: ${found || "none"})`, {
          file: input.label,
        });
      }
      await this.conn.run(S.stageParquetSql(present), bind);
    }
    const summary = await this.conn.runAndReadAll(S.STAGED_FILE_SUMMARY, { file_no: this.fileNo });
    const row = summary.getRowObjectsJS()[0] ?? {};
    this.staged.set(this.fileNo, { malformed: Number(row.malformed ?? 0), dups: Number(row.dups ?? 0) });
    return {
      rows: Number(row.rows ?? 0),
      malformed: Number(row.malformed ?? 0),
      undated: Number(row.undated ?? 0),
      firstBadField: row.first_bad == null ? null : String(row.first_bad),
      dates: ((row.dates as string[] | null) ?? []).map(String),
    };
  }

  async unstageLast(): Promise<void> {
    this.assertOpen();
    await this.conn.run(S.UNSTAGE_FILE, { file_no: this.fileNo });
    this.staged.delete(this.fileNo);
  }

  async commit(opts: {
    source: string;
    malformed?: number;
    aliases?: ReadonlyMap<string, string>;
    licences?: readonly LicenceClassRow[];
  }): Promise<LoadedSnapshot[]> {
    this.assertOpen();
    try {
      for (const [alias, canonical] of opts.aliases ?? []) {
        await this.conn.run(S.INSERT_STAGE_ALIAS, { alias, canonical });
      }
      // malformed rows never reach a snapshot (callers decided: strict already failed, or they are counted)
      const files = [...this.staged.values()];
      if (files.some((f) => f.malformed > 0)) await this.conn.run(S.DROP_ALL_MALFORMED);
      // one file: its own duplicate count is the answer; several: ids may repeat across files
      const dups =
        files.length === 1
          ? (files[0]?.dups ?? 0)
          : Number((await this.conn.runAndReadAll(N.COUNT_DUPLICATES)).getRowObjectsJS()[0]?.dups ?? 0);
      if (dups > 0) await this.conn.run(N.DROP_DUPLICATES);
      await this.conn.run(N.CREATE_STAGE_LINK);
      const dates = (await this.conn.runAndReadAll(N.STAGED_DATES)).getRowObjectsJS().map((r) => String(r.date));
      const loaded: LoadedSnapshot[] = [];
      await this.conn.run("BEGIN TRANSACTION");
      try {
        if (opts.licences) await writeLicences(this.conn, opts.licences);
        for (const date of dates) {
          const d = { date };
          await this.conn.run(C.UPDATE_MODELS, d);
          await this.conn.run(C.INSERT_MODELS, d);
          await this.conn.run(C.DELETE_STATS, d);
          await this.conn.run(C.INSERT_STATS, d);
          await this.conn.run(C.DELETE_LINKS, d);
          await this.conn.run(C.INSERT_LINKS, d);
          await this.conn.run(C.DELETE_SNAPSHOT, d);
          const malformed = opts.malformed ?? 0;
          await this.conn.run(C.INSERT_SNAPSHOT, { date, source: opts.source, started: this.startedAt, malformed });
          const counts = (await this.conn.runAndReadAll(C.SNAPSHOT_COUNTS, d)).getRowObjectsJS()[0] ?? {};
          loaded.push({
            date,
            source: opts.source,
            models: Number(counts.models ?? 0),
            downloads: Number(counts.downloads ?? 0),
            malformed,
          });
        }
        await this.conn.run("COMMIT");
      } catch (err) {
        await this.conn.run("ROLLBACK");
        throw err;
      }
      return loaded;
    } finally {
      await this.dropStaging();
    }
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    await this.dropStaging();
  }

  private async dropStaging(): Promise<void> {
    this.closed = true;
    for (const t of ["stage_model", "stage_link", "stage_alias"]) await this.conn.run(`DROP TABLE IF EXISTS ${t}`);
    this.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("load session already finished");
  }
}

/** Opens a load session: creates the staging table on the given connection. */
export async function openLoadSession(conn: DuckDBConnection, release: () => void): Promise<LoadSession> {
  await conn.run(S.CREATE_STAGE);
  await conn.run(S.CREATE_STAGE_ALIAS);
  return new DuckDBLoadSession(conn, release);
}
