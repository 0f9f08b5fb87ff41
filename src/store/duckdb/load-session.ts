/**
 * An atomic snapshot load on DuckDB: files are staged into temporary tables (nothing persistent changes), then
 * `commit` replaces every staged date inside one transaction. A crash before COMMIT leaves the database as it was.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { InputError } from "../../errors.js";
import { killPoint } from "../kill-point.js";
import {
  type CommitOptions,
  type LoadedSnapshot,
  type LoadSession,
  type StageInput,
  type StageResult,
  UNSTATED_COVERAGE,
} from "../store.js";
import * as C from "./commit-sql.js";
import { writeLicences } from "./licence-sql.js";
import * as N from "./normalize-sql.js";
import * as R from "./rollup-sql.js";
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

  async commit(opts: CommitOptions): Promise<LoadedSnapshot[]> {
    this.assertOpen();
    const coverage = opts.coverage ?? UNSTATED_COVERAGE;
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
      await this.conn.run(N.CREATE_STAGE_REUPLOAD);
      if (opts.reuploads) await this.stageReuploads(opts.reuploads);
      const dates = (await this.conn.runAndReadAll(N.STAGED_DATES)).getRowObjectsJS().map((r) => String(r.date));
      const loaded: LoadedSnapshot[] = [];
      killPoint("duckdb:staged");
      await this.conn.run("BEGIN TRANSACTION");
      try {
        if (opts.licences) await writeLicences(this.conn, opts.licences);
        for (const date of dates) {
          const d = { date };
          await this.conn.run(R.ROLLUP_BEFORE, d);
          await this.conn.run(C.UPDATE_MODELS, d);
          await this.conn.run(C.INSERT_MODELS, d);
          await this.conn.run(C.DELETE_STATS, d);
          await this.conn.run(C.INSERT_STATS, d);
          await this.writeRollups(d);
          await this.conn.run(C.DELETE_LINKS, d);
          await this.conn.run(C.INSERT_LINKS, d);
          if (opts.reuploads) await this.conn.run(C.INSERT_REUPLOAD_LINKS, d);
          await this.conn.run(C.DELETE_SNAPSHOT, d);
          const malformed = opts.malformed ?? 0;
          await this.conn.run(C.INSERT_SNAPSHOT, {
            date,
            source: opts.source,
            started: this.startedAt,
            malformed,
            coverage: coverage.kind,
            coverage_how: coverage.how,
          });
          const counts = (await this.conn.runAndReadAll(C.SNAPSHOT_COUNTS, d)).getRowObjectsJS()[0] ?? {};
          loaded.push({
            date,
            source: opts.source,
            models: Number(counts.models ?? 0),
            downloads: Number(counts.downloads ?? 0),
            malformed,
            coverage,
          });
        }
        killPoint("duckdb:inserted");
        await this.conn.run("COMMIT");
        killPoint("duckdb:committed");
      } catch (err) {
        await this.conn.run("ROLLBACK");
        throw err;
      }
      return loaded;
    } finally {
      await this.dropStaging();
    }
  }

  /**
   * The roll-ups (migration 008) after a date's models and statistics are written: the date's own rebuilt, and on
   * every other date the counts of the models whose licence, gating or author this date changed moved.
   */
  private async writeRollups(d: { date: string }): Promise<void> {
    await this.conn.run(R.ROLLUP_CHANGED);
    const [n] = (await this.conn.runAndReadAll(R.COUNT_CHANGED)).getRowObjectsJS();
    const run = (sql: string) => (sql.includes("$date") ? this.conn.run(sql, d) : this.conn.run(sql));
    if (Number(n?.lic ?? 0) > 0) for (const sql of R.MOVE_LICENCES) await run(sql);
    if (Number(n?.org ?? 0) > 0) for (const sql of R.MOVE_ORGS) await run(sql);
    for (const sql of R.REBUILD_DATE_ROLLUPS) await run(sql);
  }

  /** Runs the re-upload rule on the staged rows and keeps its links in `stage_reupload`. */
  private async stageReuploads(rule: NonNullable<CommitOptions["reuploads"]>): Promise<void> {
    const rows = async (sql: string, authors: readonly string[]) =>
      (await this.conn.runAndReadAll(sql, { authors: authors.join(",") })).getRowObjectsJS();
    const candidates = (await rows(N.REUPLOAD_CANDIDATES, rule.reuploaders)).map((r) => ({
      date: String(r.date),
      key: String(r.key),
      id: String(r.id),
    }));
    if (candidates.length === 0) return;
    const targets = (await rows(N.REUPLOAD_TARGETS, rule.targetAuthors)).map((r) => ({
      key: String(r.key),
      id: String(r.id),
    }));
    for (const l of rule.link(candidates, targets)) {
      await this.conn.run(N.INSERT_STAGE_REUPLOAD, {
        date: l.date,
        child_key: l.childKey,
        parent_key: l.parentKey,
        parent_id: l.parentId,
      });
    }
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    await this.dropStaging();
  }

  private async dropStaging(): Promise<void> {
    this.closed = true;
    for (const t of ["stage_model", "stage_link", "stage_alias", "stage_reupload", ...R.ROLLUP_TEMP_TABLES])
      await this.conn.run(`DROP TABLE IF EXISTS ${t}`);
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
