/**
 * An atomic snapshot load on ClickHouse. `stage` reads and cleans each file with the one normaliser the DuckDB store
 * uses too (src/store/duckdb/staging.ts), on an in-process DuckDB of this load: nothing reaches the server while
 * staging. `commit` prepares the staged rows there (malformed rows out, one row per date and model, lineage links
 * with aliases resolved), sends them to Memory tables of the coordinator (staged-rows.ts), writes them into the
 * large tables under this load's `load_id` (through the Distributed tables: invisible, since no snapshot names that
 * load yet), then inserts all the snapshot rows in one INSERT (one block: atomic) — the flip — and only then deletes
 * the superseded rows of those dates. A crash or kill -9 before the flip leaves the previous snapshots answering; the
 * orphaned rows are removed by the next commit.
 */

import os from "node:os";
import { DuckDBStaging } from "../duckdb/staging.js";
import { killPoint } from "../kill-point.js";
import {
  type CommitOptions,
  type LicenceClassRow,
  type LoadedSnapshot,
  type LoadSession,
  type ReuploadCandidate,
  type ReuploadLinker,
  type StageInput,
  type StageResult,
  UNSTATED_COVERAGE,
} from "../store.js";
import { type ClickHouseConnection, LARGE_BLOCKS, partsFromRows, WRITE_PARTS } from "./connection.js";
import { writeFacetRollups } from "./facet-rollups.js";
import { writeFamilyRollups } from "./family-rollups.js";
import { writeKeyHashCollisions } from "./key-hashes.js";
import { bind, literal, sqlSet } from "./literal.js";
import { type ChSchemaContext, CURRENT_DIM_LOAD, localTable, MODEL_DIM_COLUMNS } from "./migrations.js";
import { collectWriterRows, currentGeneration, WRITER_LIST_TABLES, writeLoadRollups } from "./rollups.js";
import {
  openStagingDuckDB,
  STAGED_LINK_COLUMNS,
  STAGED_MODEL_COLUMNS,
  type StagingDuckDB,
  sendStagedLinks,
  sendStagedModels,
} from "./staged-rows.js";
import { STORED_WALK_TABLES, writeFamilyWalks } from "./stored-walks.js";

/**
 * A load still `running` in `load_log` is another process's load in progress, whose rows a clean-up leaves alone,
 * unless it is dead: its process is gone (same host), or, from another host or recorded without an owner, it started
 * more than this many seconds ago. Dead loads' rows are deleted by the next commit.
 */
const DEAD_AFTER_S = 6 * 3600;

/** This process, as `load_log.owner` records it. */
const OWNER = `${os.hostname()}:${process.pid}`;

/** Whether a load recorded `running` by `owner` may still be running. */
function mayBeRunning(owner: string, startedAt: string, cutoff: string): boolean {
  const sep = owner.lastIndexOf(":");
  const pid = Number(owner.slice(sep + 1));
  if (sep > 0 && owner.slice(0, sep) === os.hostname() && Number.isInteger(pid) && pid > 0) {
    if (pid === process.pid) return true;
    try {
      process.kill(pid, 0);
      return true;
    } catch (err) {
      // EPERM: the process exists (another user's)
      return (err as NodeJS.ErrnoException).code === "EPERM";
    }
  }
  return startedAt >= cutoff;
}

/** A version number that grows with time (ReplacingMergeTree keeps the largest). */
let lastVersion = 0;
export function nextVersion(): number {
  lastVersion = Math.max(lastVersion + 1, Date.now() * 1000);
  return lastVersion;
}

/** `YYYY-MM-DD hh:mm:ss` of an ISO timestamp (ClickHouse DateTime text, UTC). */
export function chDateTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** A load in progress; create it with {@link openClickHouseLoad}. */
class ClickHouseLoadSession implements LoadSession {
  private closed = false;
  private readonly startedAt = new Date().toISOString();

  constructor(
    private readonly conn: ClickHouseConnection,
    private readonly ctx: ChSchemaContext,
    readonly loadId: string,
    private readonly duck: StagingDuckDB,
    private readonly staging: DuckDBStaging,
    private readonly release: () => void,
    /** {@link partsFromRows}, read when the load opened (a wrong value stops it before anything is written). */
    private readonly partsFrom: number,
  ) {}

  /** Rows staged so far (every file's, before de-duplication): with the previous generation's, they decide the parts. */
  private stagedRows = 0;

  async stage(input: StageInput): Promise<StageResult> {
    this.assertOpen();
    const staged = await this.staging.stage(input);
    this.stagedRows += staged.rows;
    return staged;
  }

  /**
   * The parts this load writes its dimension and roll-ups in: {@link WRITE_PARTS} for a large store or load, one for a
   * small one ({@link partsFromRows}; the previous generation's size read from the server's catalogue of parts).
   */
  private async writeParts(base: string): Promise<number> {
    const from = this.partsFrom;
    if (this.stagedRows >= from) return WRITE_PARTS;
    if (base === "") return 1;
    const [dim] = await this.conn.rows<{ n: number | string }>(
      bind(
        `SELECT sum(rows) AS n FROM system.parts
WHERE database = currentDatabase() AND active AND table = 'model_dim_rows' AND partition = $g`,
        { g: base },
      ),
    );
    return Number(dim?.n ?? 0) + this.stagedRows >= from ? WRITE_PARTS : 1;
  }

  async unstageLast(): Promise<void> {
    this.assertOpen();
    await this.staging.unstageLast();
  }

  async commit(opts: CommitOptions): Promise<LoadedSnapshot[]> {
    this.assertOpen();
    const coverage = opts.coverage ?? UNSTATED_COVERAGE;
    const L = literal(this.loadId);
    const linkTable = `stage_${this.loadId}_links`;
    const dedupTable = `stage_${this.loadId}_dedup`;
    try {
      if (this.staging.files === 0) return [];
      await this.staging.prepare(opts.aliases);
      const candidates = opts.reuploads ? await this.staging.reuploadCandidates(opts.reuploads.reuploaders) : [];
      // the cleaned rows once, in memory on the coordinator: every step below reads them
      await this.conn.command(`CREATE TABLE ${dedupTable} (${STAGED_MODEL_COLUMNS}) ENGINE = Memory`);
      await sendStagedModels(this.duck, this.conn, dedupTable);
      const dedup = `SELECT * FROM ${dedupTable}`;
      // the statistics in both orderings (migration 7); the metadata and lineage go only into this load's generation of
      // the model dimension below (one row per model: what every query reads), not into per-date tables (migration 11)
      // both at once: each sorts the rows by its own key, on its own core
      await Promise.all(
        ["model_stats_all", "model_stats_by_date_all"].map((table) =>
          this.conn.command(
            `INSERT INTO ${table} (date, key, load_id, downloads, downloads_all_time, likes, trending_score)
SELECT snap_date, key, ${L}, downloads, downloads_all_time, likes, trending_score FROM (${dedup})`,
            0,
            LARGE_BLOCKS,
          ),
        ),
      );
      killPoint("clickhouse:stats");
      // lineage: the staged links (aliases resolved, one row per child and parent with the most specific relation)
      await this.conn.command(`CREATE TABLE ${linkTable} (${STAGED_LINK_COLUMNS}) ENGINE = Memory`);
      await sendStagedLinks(this.duck, this.conn, linkTable);
      if (opts.reuploads) await this.writeReuploads(dedup, candidates, opts.reuploads, linkTable);
      killPoint("clickhouse:links");
      // the generation this load builds on: its dimension and roll-ups are that generation's rows merged with its own
      const base = await currentGeneration(this.conn);
      const parts = await this.writeParts(base);
      await this.writeDimension(dedupTable, linkTable, base, (await this.staging.dates()).length, parts);
      await this.conn.command(writeKeyHashCollisions(L));
      killPoint("clickhouse:dim");
      // the facet roll-up from the staged rows' sums the other roll-ups take (one join of the listing, not two)
      await writeLoadRollups(this.conn, this.loadId, base, dedupTable, parts, (groups, candidates) =>
        writeFacetRollups(this.conn, this.loadId, base, dedupTable, groups, candidates),
      );
      // the generation is complete (dimension, links, roll-ups): listed for readers, visible with the flip (migration 9)
      await this.conn.command(`INSERT INTO dim_generation (load_id) VALUES (${L})`);
      killPoint("clickhouse:rollups");
      await writeFamilyWalks(this.conn, this.loadId);
      await writeFamilyRollups(this.conn, this.loadId, base, dedupTable);
      const counts = await this.conn.rows<{ date: string; models: number; downloads: number }>(
        `SELECT toString(snap_date) AS date, count() AS models, ifNull(sum(downloads), 0) AS downloads
FROM (${dedup}) GROUP BY snap_date ORDER BY snap_date`,
      );
      if (opts.licences) await writeLicences(this.conn, opts.licences);
      const malformed = opts.malformed ?? 0;
      const finished = chDateTime(new Date().toISOString());
      // another process's load that committed since `base` was read would be undone by this flip (its models and
      // moves are not in this generation): give up with nothing of this load visible, and say to run it again
      const now = await currentGeneration(this.conn);
      if (now !== base)
        throw new Error(
          `another load (${now}) committed to this ClickHouse store while this one (${this.loadId}) ran: nothing of this load was made visible; run it again`,
        );
      const version = nextVersion();
      // the flip: every date's snapshot row in one INSERT (one block, so all or none become visible)
      await this.conn.insert(
        "snapshot_rows",
        counts.map((c) => ({
          date: c.date,
          load_id: this.loadId,
          version,
          source: opts.source,
          status: "complete",
          started_at: chDateTime(this.startedAt),
          finished_at: finished,
          model_count: c.models,
          downloads: c.downloads,
          malformed,
          coverage: coverage.kind,
          coverage_how: coverage.how,
        })),
      );
      await this.conn.insert("load_log", [
        { load_id: this.loadId, started_at: chDateTime(this.startedAt), state: "complete", version: nextVersion() },
      ]);
      await this.collectGarbage(counts.map((c) => c.date));
      return counts.map((c) => ({
        date: c.date,
        source: opts.source,
        models: Number(c.models),
        downloads: Number(c.downloads),
        malformed,
        coverage,
      }));
    } finally {
      await this.conn.command(`DROP TABLE IF EXISTS ${linkTable}`);
      await this.conn.command(`DROP TABLE IF EXISTS ${dedupTable}`);
      await this.dropStaging();
    }
  }

  /**
   * The re-upload rule (src/domain/reuploads.ts): its candidates found among the staged rows by the normaliser's SQL
   * (re-uploaders' rows that list tags and give no lineage link); targets the visible and staged repos of the target
   * namespaces. The links go with the staged links (stored under this load's id: invisible until the flip), as
   * relation `reupload`, origin `name rule`.
   */
  private async writeReuploads(
    dedup: string,
    candidates: readonly ReuploadCandidate[],
    rule: ReuploadLinker,
    linkTable: string,
  ): Promise<void> {
    if (candidates.length === 0) return;
    const targets = await this.conn.rows<{ key: string; id: string }>(
      bind(
        `SELECT key, min(id) AS id FROM (
  SELECT key, id FROM model WHERE has($authors, lowerUTF8(author))
  UNION ALL
  SELECT key, id FROM (${dedup}) WHERE has($authors, lowerUTF8(author))
) GROUP BY key ORDER BY key`,
        { authors: [...rule.targetAuthors] },
      ),
    );
    const links = rule.link(candidates, targets);
    if (links.length === 0) return;
    await this.conn.insert(
      linkTable,
      links.map((l) => ({
        date: l.date,
        child_key: l.childKey,
        parent_key: l.parentKey,
        parent_id: l.parentId,
        relation: "reupload",
        origin: "name rule",
      })),
    );
  }

  /**
   * This load's generation of the model dimension (migration 6), before the flip: the previous generation's row of
   * each model merged with its staged rows by DuckDB's update rules (the newest date wins — on a tie the staged row,
   * since a re-load replaces the date —, unknown values keep the older ones; `first_seen`/`last_seen` widen), and the
   * links of each model from the newest date that said anything about its lineage: this load's links where that date
   * is staged here, else the previous generation's.
   *
   * Written in parts, without a GROUP BY over the whole listing (which held every model's aggregate states, tags
   * included: 5.7 s on a store's first load of the full listing, 12.7 s with a previous generation, spilling past
   * 1 GB): the previous rows of the models not staged here are copied as they are; a model staged once, with tags,
   * on a date not older than its previous row is its staged row with a few narrow columns of the previous row
   * joined ({@link mergeNewer}); only the others (several staged dates, no tags, a back-filled date) go through the
   * aggregation ({@link mergeAggregated}), restricted to them.
   */
  private async writeDimension(
    dedupTable: string,
    linkTable: string,
    base: string,
    dates: number,
    parts: number,
  ): Promise<void> {
    const L = literal(this.loadId);
    const prev = literal(base);
    const hardTable = `stage_${this.loadId}_hard`;
    const freshTable = `stage_${this.loadId}_fresh`;
    // a missing previous row reads as the columns' defaults (0, 1970-01-01, NULL for Nullable), not NULL; the staged
    // rows' large blocks written as they come (LARGE_BLOCKS) — not a GROUP BY's many blocks (one part each)
    const noNulls = { join_use_nulls: 0 } as const;
    const dimSettings = { ...noNulls, ...LARGE_BLOCKS } as const;
    try {
      // the models that need the aggregation: staged on several dates, staged without tags, or whose previous row is
      // newer than a staged date (a back-filled date). None of them in a daily load of a full listing.
      await this.conn.command(`CREATE TABLE ${hardTable} (key String) ENGINE = Memory`);
      const hard = [`SELECT key FROM ${dedupTable} WHERE tags_known = 0`];
      if (dates > 1) hard.push(`SELECT key FROM ${dedupTable} GROUP BY key HAVING count() > 1`);
      // (the staged keys looked up in the previous rows newer than the oldest staged date — none on a daily load —,
      // not the previous rows in a set of every staged key: 0.9 s on the full listing)
      if (base !== "")
        hard.push(`SELECT key FROM ${dedupTable} WHERE key IN (SELECT key FROM model_dim_rows WHERE load_id = ${prev}
  AND meta_date > (SELECT min(snap_date) FROM ${dedupTable}))`);
      await this.conn.command(`INSERT INTO ${hardTable} ${hard.join("\nUNION ALL\n")}`);
      const [h] = await this.conn.rows<{ n: number }>(`SELECT count() AS n FROM ${hardTable}`);
      const anyHard = Number(h?.n ?? 0) > 0;
      // the two largest INSERTs of a load, each in parts by the key's hash side by side (one stream each: 3.6 s on the
      // full listing's first load as one)
      if (base !== "")
        await this.conn.commandInParts(
          (partOf) => {
            const part = partOf("cityHash64(key)");
            return `INSERT INTO model_dim_rows (load_id, ${MODEL_DIM_COLUMNS})
SELECT ${L}, ${MODEL_DIM_COLUMNS} FROM model_dim_rows
WHERE load_id = ${prev} AND ${part} AND key NOT IN (SELECT key FROM ${dedupTable} WHERE ${part})`;
          },
          LARGE_BLOCKS,
          parts,
        );
      await this.conn.commandInParts(
        (partOf) => {
          const where = `${partOf("cityHash64(key)")}${anyHard ? ` AND key NOT IN ${hardTable}` : ""}`;
          return `INSERT INTO model_dim_rows (load_id, ${MODEL_DIM_COLUMNS})
${mergeNewer(L, dedupTable, base === "" ? null : prev, where)}`;
        },
        dimSettings,
        parts,
      );
      if (anyHard)
        await this.conn.command(
          `INSERT INTO model_dim_rows (load_id, ${MODEL_DIM_COLUMNS})
${mergeAggregated(L, dedupTable, prev, `key IN ${hardTable}`)}`,
          0,
          noNulls,
        );
      // models whose links now come from a date staged here (a re-load of that date replaces the older links): the
      // newest staged date that said anything about the model's lineage, when not older than the previous row's
      // link and metadata dates (DuckDB replaces links only from a date at least as new as the model's metadata)
      if (base === "" && dates === 1) {
        // a store's first load of one date: every staged link is of its child's newest lineage date
        await this.conn.command(`INSERT INTO model_link_dim_rows (load_id, child_key, parent_key, parent_id, relation, origin)
SELECT ${L}, child_key, parent_key, parent_id, relation, origin FROM ${linkTable}`);
        return;
      }
      await this.conn.command(`CREATE TABLE ${freshTable} (key String, d Date) ENGINE = Memory`);
      const staged = `SELECT key, max(snap_date) AS d FROM ${dedupTable} WHERE lineage_known = 1 GROUP BY key`;
      if (base === "") await this.conn.command(`INSERT INTO ${freshTable} ${staged}`);
      else {
        // a model whose previous row's link and metadata dates are not newer than the oldest staged date passes
        // whatever its staged date; only the others (none on a daily load) are joined to their previous row (joining
        // every staged model took 1 s on the full listing)
        const newer = `(SELECT key FROM model_dim_rows WHERE load_id = ${prev}
  AND (link_date > (SELECT min(snap_date) FROM ${dedupTable}) OR meta_date > (SELECT min(snap_date) FROM ${dedupTable})))`;
        await this.conn.command(`INSERT INTO ${freshTable} SELECT key, d FROM (${staged}) WHERE key NOT IN ${newer}`);
        await this.conn.command(
          `INSERT INTO ${freshTable} SELECT key, d FROM (
  SELECT key, max(snap_date) AS d FROM ${dedupTable} WHERE lineage_known = 1 AND key IN ${newer} GROUP BY key
) ANY LEFT JOIN (SELECT key, link_date, meta_date FROM model_dim_rows WHERE load_id = ${prev} AND key IN ${newer}) USING key
WHERE d >= link_date AND d >= meta_date`,
          0,
          noNulls,
        );
      }
      // in parts by the child's hash, side by side, as the dimension (one stream took 1.8 s on a daily load of the
      // full listing), each part's sets of fresh models restricted to the part
      await this.conn.commandInParts(
        (partOf) => {
          const part = partOf("cityHash64(child_key)");
          const fresh = `SELECT key, d FROM ${freshTable} WHERE ${partOf("cityHash64(key)")}`;
          const links = `SELECT ${L}, child_key, parent_key, parent_id, relation, origin FROM ${linkTable}
WHERE ${part} AND (child_key, date) IN (${fresh})`;
          return `INSERT INTO model_link_dim_rows (load_id, child_key, parent_key, parent_id, relation, origin)
${
  base === ""
    ? links
    : `SELECT ${L}, child_key, parent_key, parent_id, relation, origin FROM model_link_dim_rows
WHERE load_id = ${prev} AND ${part} AND child_key NOT IN (SELECT key FROM (${fresh}))
UNION ALL
${links}`
}`;
        },
        {},
        parts,
      );
    } finally {
      await this.conn.command(`DROP TABLE IF EXISTS ${hardTable}`);
      await this.conn.command(`DROP TABLE IF EXISTS ${freshTable}`);
    }
  }

  /**
   * Deletes rows no snapshot can show any more: earlier loads of the dates just committed, and loads that never
   * completed (killed). Mutations run in the background; readers never depend on them.
   */
  private async collectGarbage(dates: string[]): Promise<void> {
    // `started_at` holds UTC text read in the server's time zone: compare it with UTC text read the same way
    const cutoff = chDateTime(new Date(Date.now() - DEAD_AFTER_S * 1000).toISOString());
    // loads of other processes recorded running: those still running keep their rows (their flip may come), the
    // others are dead
    const others = await this.conn.rows<{ load_id: string; state: string; owner: string; started: string }>(
      bind(
        `SELECT load_id, state, owner, toString(started_at) AS started FROM load_log FINAL
WHERE load_id != $me AND state IN ('running', 'aborted')`,
        { me: this.loadId },
      ),
    );
    const running = others
      .filter((l) => l.state === "running" && mayBeRunning(l.owner, l.started, cutoff))
      .map((l) => l.load_id);
    const dead = others.filter((l) => !running.includes(l.load_id));
    // dimension generations no reader sees: every one but the current (this load's, unless it flipped nothing) and
    // those of running loads
    const dropped = new Set<string>();
    const tables = [
      "model_dim_rows",
      "model_link_dim_rows",
      "key_hash_collisions",
      "rollup_licence_rows",
      ...WRITER_LIST_TABLES,
      "rollup_facet_rows",
      ...STORED_WALK_TABLES,
    ];
    // each of these tables is partitioned by load_id on the coordinator: its generations are its active partitions,
    // listed for all the tables at once by the server's catalogue of parts (not a scan of each table's load_id column)
    const gens = await this.conn.rows<{ t: string; l: string }>(
      bind(
        `SELECT DISTINCT table AS t, partition AS l FROM system.parts
WHERE database = currentDatabase() AND active AND has($tables, table)
  AND partition != ${CURRENT_DIM_LOAD} AND partition NOT IN $running`,
        { tables, running: sqlSet(running) },
      ),
    );
    // in the order of the list above (the dimension first), each table's generations oldest id first
    gens.sort((a, b) => tables.indexOf(a.t) - tables.indexOf(b.t) || (a.l < b.l ? -1 : a.l > b.l ? 1 : 0));
    for (const g of gens) {
      await this.conn.command(`ALTER TABLE ${g.t} DROP PARTITION ${literal(g.l)}`);
      dropped.add(g.l);
    }
    // the rows of writers no kept generation lists (org-ranking's, migration 16; the organisations', migration 18)
    await collectWriterRows(this.conn, bind("$running", { running: sqlSet(running) }));
    // and their rows in the list of generations (migration 9)
    if (dropped.size > 0)
      await this.conn.command(
        bind("ALTER TABLE dim_generation DELETE WHERE has($gens, load_id)", { gens: [...dropped] }),
      );
    const conds: string[] = [];
    if (dates.length > 0) {
      conds.push(
        bind("(has($dates, toString(date)) AND load_id != $me AND load_id NOT IN $running)", {
          dates,
          me: this.loadId,
          running: sqlSet(running),
        }),
      );
    }
    if (dead.length > 0) conds.push(bind("has($dead, load_id)", { dead: dead.map((d) => d.load_id) }));
    if (conds.length === 0) return;
    const where = conds.join(" OR ");
    for (const base of ["model_stats", "model_stats_by_date"]) {
      const sql = `ALTER TABLE ${localTable(this.ctx, base)} DELETE WHERE ${where}`;
      if (this.ctx.cluster) await this.conn.commandEach(sql);
      else await this.conn.command(sql);
    }
    await this.conn.command(`ALTER TABLE rollup_top_rows DELETE WHERE ${where}`);
    if (dead.length > 0) {
      await this.conn.insert(
        "load_log",
        dead.map((d) => ({
          load_id: d.load_id,
          started_at: "1970-01-01 00:00:00",
          state: "collected",
          version: nextVersion(),
        })),
      );
    }
  }

  async abort(): Promise<void> {
    if (this.closed) return;
    try {
      await this.conn.insert("load_log", [
        { load_id: this.loadId, started_at: chDateTime(this.startedAt), state: "aborted", version: nextVersion() },
      ]);
    } finally {
      // the staging DuckDB and its temporary folder go even when the server cannot be told
      await this.dropStaging();
    }
  }

  private async dropStaging(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      await this.duck.close();
    } finally {
      this.release();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("load session already finished");
  }
}

/**
 * The dimension rows (`load_id`, then {@link MODEL_DIM_COLUMNS}) of the staged models that match `where`, each staged
 * on one date, with tags, and not older than its row of generation `prev` (SQL literal; null: no previous
 * generation): the rules of {@link mergeAggregated} for such a row as expressions. The staged row gives id, author,
 * pipeline, library, licence and tags; timestamps, gating and `private` are the staged ones when known, else the
 * previous ones; the dates widen. Only those few narrow columns of the previous row are joined (the whole row, tags
 * included, made the join 7× slower); `where`, a condition on the key alone, restricts them too. Run with
 * `join_use_nulls = 0`.
 */
function mergeNewer(L: string, dedupTable: string, prev: string | null, where: string): string {
  if (prev === null)
    return `SELECT ${L}, key, id, author, created_at, last_modified, pipeline_tag, library_name, license, gated, private,
  tags, tags_known, snap_date, snap_date, snap_date, if(lineage_known = 1, snap_date, toDate(0))
FROM ${dedupTable} WHERE ${where}`;
  return `SELECT ${L}, key, id, author, ifNull(created_at, p_created_at), ifNull(last_modified, p_last_modified),
  pipeline_tag, library_name, license, ifNull(gated, p_gated), ifNull(private, p_private), tags, tags_known,
  if(p_found = 1, least(snap_date, p_first_seen), snap_date), greatest(snap_date, p_last_seen),
  greatest(snap_date, p_meta_date), greatest(if(lineage_known = 1, snap_date, toDate(0)), p_link_date)
FROM (SELECT * FROM ${dedupTable} WHERE ${where}) ANY LEFT JOIN (
  SELECT key, toUInt8(1) AS p_found, created_at AS p_created_at, last_modified AS p_last_modified, gated AS p_gated,
    private AS p_private, first_seen AS p_first_seen, last_seen AS p_last_seen, meta_date AS p_meta_date,
    link_date AS p_link_date
  FROM model_dim_rows WHERE load_id = ${prev} AND ${where}
) USING key`;
}

/**
 * The dimension rows of the models that match `where` from their row of generation `prev` (SQL literal) and all
 * their staged rows, aggregated by model (any number of rows; {@link mergeNewer} is the common case's shortcut): the newest date wins — on a tie the staged row —, unknown values
 * (NULL: skipped by argMax) keep the older ones; a staged row older than the model's previous row (a back-filled
 * date) gives only its date, as DuckDB's update leaves the model's metadata and links alone. Run with
 * `join_use_nulls = 0`.
 */
function mergeAggregated(L: string, dedupTable: string, prev: string, where: string): string {
  return `SELECT ${L}, key, argMax(id, ord), argMax(author, ord), argMax(created_at, ord), argMax(last_modified, ord),
  nullIf(argMax(ifNull(pipeline_tag, '\\0'), ord), '\\0'), nullIf(argMax(ifNull(library_name, '\\0'), ord), '\\0'),
  if(countIf(isNotNull(license) OR tags_known = 1) = 0, NULL,
    nullIf(argMaxIf(ifNull(license, '\\0'), ord, isNotNull(license) OR tags_known = 1), '\\0')),
  argMax(gated, ord), argMax(private, ord), argMaxIf(tags, ord, tags_known = 1), max(tags_known),
  min(first_seen), max(last_seen), max(meta_date), max(link_date)
FROM (
  SELECT key, id, author, created_at, last_modified, pipeline_tag, library_name, license, gated, private, tags,
    has_tags AS tags_known, first_seen, last_seen, meta_date, link_date, toUInt32(meta_date) * 2 AS ord
  FROM model_dim_rows WHERE load_id = ${prev} AND ${where}
  UNION ALL
  SELECT key, id, author, if(old, NULL, created_at), if(old, NULL, last_modified), pipeline_tag, library_name,
    if(old, NULL, license), if(old, NULL, gated), if(old, NULL, private), tags, if(old, 0, tags_known),
    snap_date AS first_seen, snap_date AS last_seen, snap_date AS meta_date,
    if(lineage_known = 1 AND NOT old, snap_date, toDate(0)) AS link_date, toUInt32(snap_date) * 2 + 1 AS ord
  FROM (
    SELECT *, (snap_date < p_meta_date) AS old FROM (SELECT * FROM ${dedupTable} WHERE ${where})
    ANY LEFT JOIN (SELECT key, meta_date AS p_meta_date FROM model_dim_rows WHERE load_id = ${prev} AND ${where})
    USING key
  )
)
GROUP BY key`;
}

/** Replaces the licence map: a new generation of rows; the view shows the newest generation. */
export async function writeLicences(conn: ClickHouseConnection, rows: readonly LicenceClassRow[]): Promise<void> {
  const gen = nextVersion();
  if (rows.length === 0) {
    // an empty map is a generation with no rows: a marker row would be visible, so keep the old map out by
    // writing a row that the view's tag filter never matches
    await conn.insert("licence_class_rows", [{ gen, tag: "", class: "", spdx: null, commercial: "" }]);
    return;
  }
  await conn.insert(
    "licence_class_rows",
    rows.map((r) => ({ gen, tag: r.tag.toLowerCase(), class: r.class, spdx: r.spdx, commercial: r.commercial })),
  );
}

/**
 * Starts a load: opens the in-process DuckDB that stages and cleans its files, and records the load in `load_log` (so
 * a crash leaves a trace the next commit cleans up).
 */
export async function openClickHouseLoad(
  conn: ClickHouseConnection,
  ctx: ChSchemaContext,
  release: () => void,
): Promise<LoadSession> {
  const loadId = `l${Date.now().toString(36)}${Math.floor(Math.random() * 36 ** 6)
    .toString(36)
    .padStart(6, "0")}`;
  const startedAt = new Date().toISOString();
  const partsFrom = partsFromRows();
  const duck = await openStagingDuckDB();
  try {
    const staging = await DuckDBStaging.open(duck.conn);
    await conn.insert("load_log", [
      { load_id: loadId, started_at: chDateTime(startedAt), state: "running", version: nextVersion(), owner: OWNER },
    ]);
    return new ClickHouseLoadSession(conn, ctx, loadId, duck, staging, release, partsFrom);
  } catch (err) {
    await duck.close();
    throw err;
  }
}
