/**
 * An atomic snapshot load on DuckDB: files are staged into temporary tables (nothing persistent changes; staging.ts,
 * shared with the ClickHouse store), then `commit` replaces every staged date inside one transaction. A crash before COMMIT leaves the database as it was.
 */
import { type DuckDBConnection, LIST, listValue, VARCHAR } from "@duckdb/node-api";
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
import { writeFamilyWalks } from "./family-walk-sql.js";
import { writeLicences } from "./licence-sql.js";
import * as N from "./normalize-sql.js";
import * as R from "./rollup-sql.js";
import { DuckDBStaging } from "./staging.js";

/** A load in progress on one connection; create it with {@link openLoadSession}. */
class DuckDBLoadSession implements LoadSession {
  private closed = false;
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly conn: DuckDBConnection,
    private readonly staging: DuckDBStaging,
    private readonly release: () => void,
    private readonly restoreMemory: () => Promise<void>,
  ) {}

  async stage(input: StageInput): Promise<StageResult> {
    this.assertOpen();
    await this.conn.run(`SET memory_limit = '${LOAD_MEMORY_MB_PER_FILE * (this.staging.files + 1)}MB'`);
    return this.staging.stage(input);
  }

  async unstageLast(): Promise<void> {
    this.assertOpen();
    await this.staging.unstageLast();
  }

  async commit(opts: CommitOptions): Promise<LoadedSnapshot[]> {
    this.assertOpen();
    const coverage = opts.coverage ?? UNSTATED_COVERAGE;
    try {
      // the staged rows are all read: the rest of the load runs under the smaller commit budget (see below)
      await this.conn.run(`SET memory_limit = '${COMMIT_MEMORY_MB_PER_FILE * Math.max(1, this.staging.files)}MB'`);
      await this.staging.prepare(opts.aliases);
      if (opts.reuploads) await this.stageReuploads(opts.reuploads);
      const dates = await this.staging.dates();
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
          await this.conn.run(C.CREATE_STAGE_NEWER, d);
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
        await writeFamilyWalks(this.conn);
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
    const run = (sql: string) => R.runRollup(this.conn, sql, d.date);
    // models new to the store change no other date (the first load of a listing: every model; comparing them with the
    // stored ones took 0.2–0.4 s of the full listing's import)
    if (Number((await this.conn.runAndReadAll(R.COUNT_BEFORE)).getRowObjectsJS()[0]?.n ?? 0) > 0) {
      await this.conn.run(R.ROLLUP_CHANGED);
      const [n] = (await this.conn.runAndReadAll(R.COUNT_CHANGED)).getRowObjectsJS();
      if (Number(n?.lic ?? 0) > 0) for (const sql of R.MOVE_LICENCES) await run(sql);
      if (Number(n?.org ?? 0) > 0) for (const sql of R.MOVE_ORGS) await run(sql);
    }
    for (const sql of R.REBUILD_DATE_ROLLUPS) await run(sql);
  }

  /** Runs the re-upload rule on the staged rows and keeps its links in `stage_reupload`. */
  private async stageReuploads(rule: NonNullable<CommitOptions["reuploads"]>): Promise<void> {
    const candidates = await this.staging.reuploadCandidates(rule.reuploaders);
    if (candidates.length === 0) return;
    const targets = (await this.conn.runAndReadAll(N.REUPLOAD_TARGETS, { authors: rule.targetAuthors.join(",") }))
      .getRowObjectsJS()
      .map((r) => ({ key: String(r.key), id: String(r.id) }));
    const links = rule.link(candidates, targets);
    if (links.length === 0) return;
    await this.conn.run(
      N.INSERT_STAGE_REUPLOADS,
      {
        dates: listValue(links.map((l) => l.date)),
        child_keys: listValue(links.map((l) => l.childKey)),
        parent_keys: listValue(links.map((l) => l.parentKey)),
        parent_ids: listValue(links.map((l) => l.parentId)),
      },
      { dates: LIST(VARCHAR), child_keys: LIST(VARCHAR), parent_keys: LIST(VARCHAR), parent_ids: LIST(VARCHAR) },
    );
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    await this.dropStaging();
  }

  private async dropStaging(): Promise<void> {
    this.closed = true;
    try {
      await this.staging.drop();
      for (const t of [...R.ROLLUP_TEMP_TABLES, "stage_newer", "stage_member"])
        await this.conn.run(`DROP TABLE IF EXISTS ${t}`);
    } finally {
      try {
        await this.restoreMemory();
      } finally {
        this.release();
      }
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("load session already finished");
  }
}

/**
 * DuckDB's memory budget while a load runs, per staged file (a listing). By default DuckDB may keep 80 % of the
 * machine's memory in its buffers, and a load keeps everything it touches: the staged rows (300 MB in memory for the
 * full listing), then the new `model` and `model_stats` rows until the checkpoint (the full listing peaked at
 * 890–980 MB). Under the budget the buffer manager writes what does not fit to the store's temporary folder (staged
 * rows) or evicts it once written (new rows): the full listing peaks at about 560 MB, in the same time. Each staged file
 * adds as much again (three dates of the full listing in one import: 256 MB for all three took 2.2× as long as with no
 * budget, re-reading what was written out). The store's own budget comes back when the session ends.
 */
export const LOAD_MEMORY_MB_PER_FILE = 256;

/**
 * DuckDB's memory budget from the commit on (de-duplication, lineage links, the load transaction), per staged file.
 * The staging read needs the larger budget (at 128 MB the JSON reader's buffers do not fit and the full listing falls
 * back to the sanitizer, 2× slower), but once the rows are staged the budget only decides how much of the staged and
 * newly written rows stays in memory, and the process keeps what its allocator once held: the peak of a load was set
 * after staging, by the model rows, roll-ups, stored walks and commit (584–663 MB for the full listing under 256 MB).
 * Under 160 MB the same steps peak at 490–540 MB in the same time (the staged rows are read from the temporary folder
 * where they were spilled; a second date of the listing, updating every model, took as long as under 256 MB).
 */
export const COMMIT_MEMORY_MB_PER_FILE = 160;

/** Opens a load session: creates the staging table on the given connection (budget: {@link LOAD_MEMORY_MB_PER_FILE}). */
export async function openLoadSession(conn: DuckDBConnection, release: () => void): Promise<LoadSession> {
  const [before] = (await conn.runAndReadAll("SELECT current_setting('memory_limit') AS m")).getRowObjectsJS();
  const restore = async () => {
    await conn.run(`SET memory_limit = '${String(before?.m ?? "")}'`);
  };
  try {
    return new DuckDBLoadSession(conn, await DuckDBStaging.open(conn), release, restore);
  } catch (err) {
    await restore();
    throw err;
  }
}
