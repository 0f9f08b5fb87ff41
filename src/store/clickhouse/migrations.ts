/**
 * Versioned schema migrations of the ClickHouse store (append only; never edit one that has shipped). ClickHouse has
 * no DDL transactions, so every statement is idempotent (`IF NOT EXISTS`) and a migration interrupted halfway is
 * simply run again; `schema_migrations` (on the coordinator) records the finished ones.
 *
 * Layout. Large per-date tables (`model_stats`, `model_meta`, `model_link`) carry the `load_id` of the load that
 * wrote them and are never updated in place: with a cluster, each node has a `*_local` ReplacingMergeTree shard and
 * the coordinator a `*_all` Distributed table over them (sharded by model key, so a model's rows live on one node);
 * on a single server `*_all` is the MergeTree itself. Visibility is decided by `snapshot_rows`: a row is visible iff
 * its (date, load_id) is the date's current complete snapshot. A load writes everything under a fresh load_id and
 * inserts its snapshot row last, so a half-finished (or kill -9'ed) load is never visible and the previous complete
 * snapshot keeps answering. The views named like the DuckDB tables (`snapshot`, `model`, `model_stats`,
 * `model_link`, `licence_class`, `crawl_state`, `price`) present only visible rows, so catalog SQL reads them as it
 * reads DuckDB's tables (joined by `key` instead of the surrogate `mid`). Since version 6 `model` and `model_link` read
 * a dimension written at load (one row per model) instead of aggregating `model_meta_all`; since version 7 the
 * statistics are also stored ordered by date, and catalog SQL filters them by date inside the same WHERE as the
 * visibility filter (see m006, m007). Since version 11 `model_meta` and `model_link` are gone (m011): loads write the
 * metadata and lineage only into the dimension.
 */

import { sqlPiece } from "../../queries/catalog.js";
import type { ClickHouseConnection } from "./connection.js";
import { CREATE_FACET_ROLLUP_TABLE, rebuildFacetStatements } from "./facet-rollups.js";
import { CREATE_FAMILY_ROLLUP_TABLE, rebuildFamilyStatements } from "./family-rollups.js";
import { CREATE_KEY_HASH_COLLISIONS, REBUILD_KEY_HASH_COLLISIONS } from "./key-hashes.js";
import {
  CREATE_ORG_DATES_TABLE,
  CREATE_ORG_FACET_TABLES,
  CREATE_ORG_RANK_TABLES,
  CREATE_ROLLUP_TABLES,
  licenceRebuildStatements,
  ORG_DATES_REBUILD,
  rebuildCurrentOrgFacet,
  rebuildCurrentOrgRank,
  rebuildStatements,
} from "./rollups.js";
import { CREATE_STORED_WALK_TABLES } from "./stored-walks.js";

/** Where a statement runs. */
export type ChTarget = "each" | "coordinator";

/** One DDL statement and the nodes it runs on. */
export interface ChStatement {
  on: ChTarget;
  sql: string;
  /**
   * A query returning one row with a count `n`: the statement is skipped when `n` > 0 (18.16 has no
   * `ADD COLUMN IF NOT EXISTS`, so a column is added only when `system.columns` does not list it yet).
   */
  unless?: string;
}

/** What the DDL depends on: the cluster of the Distributed tables (null = a single server). */
export interface ChSchemaContext {
  cluster: string | null;
  database: string;
}

/** One schema step. */
export interface ChMigration {
  version: number;
  name: string;
  statements(ctx: ChSchemaContext): ChStatement[];
  /** Work after the statements that a fixed list cannot say (e.g. one statement per snapshot date). */
  run?(conn: ClickHouseConnection): Promise<void>;
}

/** The table the store mutates (DELETE, DROP PARTITION) for a large table: per node with a cluster. */
export function localTable(ctx: ChSchemaContext, base: string): string {
  return ctx.cluster ? `${base}_local` : `${base}_all`;
}

/** A large table: `*_local` shards plus a `*_all` Distributed table, or one `*_all` MergeTree on a single server. */
function largeTable(
  ctx: ChSchemaContext,
  base: string,
  columns: string,
  engine: string,
  shardKey: string,
): ChStatement[] {
  if (!ctx.cluster)
    return [{ on: "coordinator", sql: `CREATE TABLE IF NOT EXISTS ${base}_all (${columns}) ${engine}` }];
  return [
    { on: "each", sql: `CREATE TABLE IF NOT EXISTS ${base}_local (${columns}) ${engine}` },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS ${base}_all AS ${base}_local ENGINE = Distributed(${ctx.cluster}, ${ctx.database}, ${base}_local, ${shardKey})`,
    },
  ];
}

/** (date, load_id) of every current complete snapshot: the visibility filter of the large tables. */
const VISIBLE = "(date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)";

const m001: ChMigration = {
  version: 1,
  name: "initial",
  statements: (ctx) => [
    {
      on: "coordinator",
      // one row per complete load of a date; the newest version of a date is its current snapshot
      sql: `CREATE TABLE IF NOT EXISTS snapshot_rows (
  date Date, load_id String, version UInt64, source String, status String, started_at DateTime,
  finished_at Nullable(DateTime), model_count UInt64, downloads UInt64, malformed UInt64
) ENGINE = ReplacingMergeTree(version) ORDER BY date`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS snapshot AS SELECT date, load_id, source, status, started_at, finished_at,
  model_count, downloads, malformed FROM snapshot_rows FINAL WHERE status = 'complete'`,
    },
    {
      on: "coordinator",
      // every load that started (running | complete | aborted): what a later load cleans up after a crash
      sql: `CREATE TABLE IF NOT EXISTS load_log (load_id String, started_at DateTime, state String, version UInt64)
ENGINE = ReplacingMergeTree(version) ORDER BY load_id`,
    },
    ...largeTable(
      ctx,
      "model_stats",
      `date Date, key String, load_id String, downloads Nullable(Int64), downloads_all_time Nullable(Int64),
  likes Nullable(Int64), trending_score Nullable(Float64)`,
      "ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(date) ORDER BY (key, date, load_id)",
      "cityHash64(key)",
    ),
    ...largeTable(
      ctx,
      "model_meta",
      `date Date, key String, load_id String, id String, author String, created_at Nullable(DateTime),
  last_modified Nullable(DateTime), pipeline_tag Nullable(String), library_name Nullable(String),
  license Nullable(String), gated Nullable(String), private Nullable(UInt8), tags Array(String), tags_known UInt8,
  lineage_known UInt8`,
      "ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(date) ORDER BY (key, date, load_id)",
      "cityHash64(key)",
    ),
    ...largeTable(
      ctx,
      "model_link",
      `date Date, child_key String, load_id String, parent_key String, parent_id String, relation String,
  origin String`,
      "ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(date) ORDER BY (child_key, date, load_id, parent_key)",
      "cityHash64(child_key)",
    ),
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS model_stats AS SELECT date, key, downloads, downloads_all_time, likes, trending_score
FROM model_stats_all WHERE ${VISIBLE}`,
    },
    {
      on: "coordinator",
      // latest metadata per model, with DuckDB's update rules: argMax over Nullable skips NULLs (= coalesce with the
      // older value); where the newest value wins even when unknown, NULL travels as a '\0' sentinel (argMax over
      // tuple(Nullable) would keep NULLs but crashes 18.16 shards when the aggregation is distributed)
      sql: `CREATE VIEW IF NOT EXISTS model AS SELECT key, argMax(id, date) AS id, argMax(author, date) AS author,
  argMax(created_at, date) AS created_at, argMax(last_modified, date) AS last_modified,
  nullIf(argMax(ifNull(pipeline_tag, '\\0'), date), '\\0') AS pipeline_tag,
  nullIf(argMax(ifNull(library_name, '\\0'), date), '\\0') AS library_name,
  if(countIf(isNotNull(license) OR tags_known = 1) = 0, NULL,
    nullIf(argMaxIf(ifNull(license, '\\0'), date, isNotNull(license) OR tags_known = 1), '\\0')) AS license,
  argMax(gated, date) AS gated, argMax(private, date) AS private,
  argMaxIf(tags, date, tags_known = 1) AS tags, max(tags_known) AS has_tags,
  min(date) AS first_seen, max(date) AS last_seen, max(date) AS meta_date
FROM model_meta_all WHERE ${VISIBLE} GROUP BY key`,
    },
    {
      on: "coordinator",
      // a model's links are those of the newest visible date that said anything about lineage
      sql: `CREATE VIEW IF NOT EXISTS model_link AS SELECT child_key, parent_key, parent_id, relation, origin
FROM model_link_all WHERE ${VISIBLE} AND (child_key, date) GLOBAL IN (
  SELECT key, max(date) FROM model_meta_all WHERE lineage_known = 1 AND ${VISIBLE} GROUP BY key)`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS licence_class_rows (gen UInt64, tag String, class String, spdx Nullable(String),
  commercial String) ENGINE = MergeTree ORDER BY (gen, tag)`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS licence_class AS SELECT tag, class, spdx, commercial FROM licence_class_rows
WHERE gen = (SELECT max(gen) FROM licence_class_rows) AND tag != ''`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS crawl_state_rows (crawl_id String, date Date, endpoint String, params String,
  next_url Nullable(String), pages UInt64, models UInt64, status String, started_at DateTime, updated_at DateTime,
  error Nullable(String), version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY crawl_id`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS crawl_state AS SELECT crawl_id, date, endpoint, params, next_url, pages, models,
  status, started_at, updated_at, error FROM crawl_state_rows FINAL`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS price_rows (gen UInt64, model String, provider String,
  input_per_token Nullable(Float64), output_per_token Nullable(Float64), as_of Date, source String)
ENGINE = MergeTree ORDER BY (source, as_of, gen)`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS price AS SELECT model, provider, input_per_token, output_per_token, as_of, source
FROM price_rows WHERE (source, as_of, gen) IN (SELECT source, as_of, max(gen) FROM price_rows GROUP BY source, as_of)`,
    },
  ],
};

/** Whether `table` (of the current database) has `column`: the `unless` of an ADD COLUMN. */
function hasColumn(table: string, column: string): string {
  return `SELECT count() AS n FROM system.columns WHERE database = currentDatabase() AND table = '${table}' AND name = '${column}'`;
}

/**
 * 2: what each snapshot covers (issue 11): `coverage` ('full' | 'partial') and `coverage_how` on `snapshot_rows`,
 * shown by the `snapshot` view; snapshots loaded before are 'partial', how unknown (as DuckDB's migration 004).
 */
const m002: ChMigration = {
  version: 2,
  name: "coverage",
  statements: () => [
    {
      on: "coordinator",
      sql: "ALTER TABLE snapshot_rows ADD COLUMN coverage String DEFAULT 'partial'",
      unless: hasColumn("snapshot_rows", "coverage"),
    },
    {
      on: "coordinator",
      sql: "ALTER TABLE snapshot_rows ADD COLUMN coverage_how String DEFAULT 'not recorded (loaded before omo recorded coverage)'",
      unless: hasColumn("snapshot_rows", "coverage_how"),
    },
    { on: "coordinator", sql: "DROP TABLE IF EXISTS snapshot" },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS snapshot AS SELECT date, load_id, source, status, started_at, finished_at,
  model_count, downloads, malformed, coverage, coverage_how FROM snapshot_rows FINAL WHERE status = 'complete'`,
    },
  ],
};

/**
 * Version 3 (issue 11): licences stated in model cards (`omo ingest --details`), and the retirement date of imported
 * prices. 18.16 has no `ADD COLUMN IF NOT EXISTS`, so prices move to a new table `price_rows_v3` (the rows of
 * `price_rows` are copied once, by generation, so a re-run copies nothing twice) and the `price` view is re-created
 * over it; the shipped-price cache (`shipped_price_rows`, reloaded from the CSV by content hash) is dropped so it is
 * re-created with the new `retired` column.
 */
const m003: ChMigration = {
  version: 3,
  name: "card-licences-and-price-retirement",
  statements: () => [
    {
      on: "coordinator",
      // one row per model and fetch; the view keeps the newest (ReplacingMergeTree on version, FINAL)
      sql: `CREATE TABLE IF NOT EXISTS model_card_licence_rows (key String, id String, license_name Nullable(String),
  license_link Nullable(String), card_license Nullable(String), fetched_on Date, source String, version UInt64)
ENGINE = ReplacingMergeTree(version) ORDER BY key`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS model_card_licence AS SELECT key, id, license_name, license_link, card_license,
  fetched_on, source FROM model_card_licence_rows FINAL`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS price_rows_v3 (gen UInt64, model String, provider String,
  input_per_token Nullable(Float64), output_per_token Nullable(Float64), as_of Date, source String,
  deprecation_date Nullable(Date))
ENGINE = MergeTree ORDER BY (source, as_of, gen)`,
    },
    {
      on: "coordinator",
      sql: `INSERT INTO price_rows_v3 SELECT gen, model, provider, input_per_token, output_per_token, as_of, source,
  CAST(NULL AS Nullable(Date)) FROM price_rows WHERE gen NOT IN (SELECT gen FROM price_rows_v3)`,
    },
    { on: "coordinator", sql: "DROP TABLE IF EXISTS price" },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS price AS SELECT model, provider, input_per_token, output_per_token, as_of, source,
  deprecation_date FROM price_rows_v3
WHERE (source, as_of, gen) IN (SELECT source, as_of, max(gen) FROM price_rows_v3 GROUP BY source, as_of)`,
    },
    { on: "coordinator", sql: "DROP TABLE IF EXISTS shipped_price_rows" },
  ],
};

/**
 * Version 4 (issue 13): dated leaderboard tables. Small, so they live on the coordinator. A load writes its entries
 * under a fresh `load_id`, then the snapshot rows of all its (board, date) in one INSERT (the flip); the
 * `leaderboard_entry` view shows only the entries of the current snapshot of each (board, date), so a half-written
 * load is never visible.
 */
const m004: ChMigration = {
  version: 4,
  name: "leaderboards",
  statements: () => [
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS leaderboard_snapshot_rows (board String, date Date, load_id String, version UInt64,
  source String, format String, entries UInt64, scored UInt64, coverage_kind String, coverage_how String,
  loaded_at DateTime) ENGINE = ReplacingMergeTree(version) ORDER BY (board, date)`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS leaderboard_snapshot AS SELECT board, date, load_id, source, format, entries, scored,
  coverage_kind, coverage_how, loaded_at FROM leaderboard_snapshot_rows FINAL`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS leaderboard_entry_rows (board String, date Date, load_id String, pos UInt32,
  line UInt32, model String, rank Nullable(Int32), rank_lo Nullable(Int32), rank_hi Nullable(Int32),
  rank_style Nullable(Int32), score Nullable(Float64), ci_plus Nullable(Float64), ci_minus Nullable(Float64),
  preliminary UInt8, votes Nullable(Int64), organization Nullable(String), license Nullable(String),
  url Nullable(String), knowledge_cutoff Nullable(String), price_input Nullable(Float64),
  price_output Nullable(Float64), context Nullable(String), params_b Nullable(Float64))
ENGINE = MergeTree ORDER BY (board, date, load_id, pos)`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS leaderboard_entry AS SELECT board, date, pos, line, model, rank, rank_lo, rank_hi,
  rank_style, score, ci_plus, ci_minus, preliminary, votes, organization, license, url, knowledge_cutoff, price_input,
  price_output, context, params_b
FROM leaderboard_entry_rows WHERE (board, date, load_id) IN (SELECT board, date, load_id FROM leaderboard_snapshot)`,
    },
  ],
};

/**
 * Version 5: token usage (OpenRouter rankings) and OpenRouter's model catalogue, small tables on the coordinator.
 * A usage import writes its rows, catalogue entries and snapshot headers under a fresh load_id, then one row in
 * `usage_commit`: only committed loads are visible, and the newest committed version of a snapshot (or of a
 * catalogue's source and date) hides the older ones, so a killed import changes nothing.
 */
const m005: ChMigration = {
  version: 5,
  name: "usage",
  statements: () => [
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS usage_snapshot_rows (snapshot_id String, load_id String, version UInt64,
  source String, endpoint String, period String, date Date, window_start Date, window_end Date,
  fetched_at Nullable(DateTime), status Nullable(String), coverage_kind String, coverage_how String, models UInt32,
  top_n Nullable(UInt32), total_known UInt8, total_tokens Nullable(Int64), remainder_tokens Nullable(Int64),
  named_tokens Int64, preference Int64, file String, loaded_at DateTime)
ENGINE = ReplacingMergeTree(version) ORDER BY snapshot_id`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS usage_row_rows (snapshot_id String, load_id String, model String, variant String,
  tokens Int64, prompt_tokens Nullable(Int64), completion_tokens Nullable(Int64), reasoning_tokens Nullable(Int64),
  requests Nullable(Int64), last_date Nullable(Date)) ENGINE = MergeTree ORDER BY (snapshot_id, load_id)`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS usage_catalogue_rows (source String, as_of Date, load_id String, version UInt64,
  id String, canonical_slug Nullable(String), hugging_face_id Nullable(String), name Nullable(String), file String)
ENGINE = MergeTree ORDER BY (source, as_of, load_id)`,
    },
    {
      on: "coordinator",
      sql: "CREATE TABLE IF NOT EXISTS usage_commit (load_id String, committed_at DateTime) ENGINE = MergeTree ORDER BY load_id",
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS usage_snapshot AS SELECT snapshot_id, load_id, source, endpoint, period, date,
  window_start, window_end, fetched_at, status, coverage_kind, coverage_how, models, top_n, total_known, total_tokens,
  remainder_tokens, named_tokens, preference, file, loaded_at
FROM usage_snapshot_rows WHERE (snapshot_id, version) IN (
  SELECT snapshot_id, max(version) FROM usage_snapshot_rows WHERE load_id IN (SELECT load_id FROM usage_commit)
  GROUP BY snapshot_id)`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS usage_row AS SELECT snapshot_id, model, variant, tokens, prompt_tokens,
  completion_tokens, reasoning_tokens, requests, last_date
FROM usage_row_rows WHERE (snapshot_id, load_id) IN (SELECT snapshot_id, load_id FROM usage_snapshot)`,
    },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS usage_catalogue AS SELECT source, as_of, id, canonical_slug, hugging_face_id, name, file
FROM usage_catalogue_rows WHERE (source, as_of, version) IN (
  SELECT source, as_of, max(version) FROM usage_catalogue_rows WHERE load_id IN (SELECT load_id FROM usage_commit)
  GROUP BY source, as_of)`,
    },
  ],
};

/** The load that committed last: its snapshot rows carry the highest version. */
const LAST_COMMITTED_LOAD = "(SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete')";

/**
 * The generation lookup of versions 6 and 8 (kept as they shipped: their views and roll-ups were built with it): the
 * load that committed last among those whose `load_id` `model_dim_rows` holds, found by reading every model row's
 * `load_id`. Version 9 replaces it by {@link CURRENT_DIM_LOAD}.
 */
const DIM_LOAD_V6 = `(SELECT argMax(load_id, version) FROM snapshot_rows FINAL WHERE status = 'complete'
  AND load_id IN (SELECT DISTINCT load_id FROM model_dim_rows))`;

/**
 * The generation of `model_dim_rows`, `model_link_dim_rows` and the roll-ups by licence and organisation that readers
 * see (migration 9): that of the load that committed last among those that finished writing one — every load writes
 * all four, then one row in the small `dim_generation` table, before its flip; a killed load may have written that
 * row but committed nothing, so its generation is never read. Scalar subqueries over two small tables (no dimension
 * row is read to find it), so ClickHouse evaluates it once per query and prunes the generation tables to one partition.
 * One text with the query files, which take it as a piece.
 */
export const CURRENT_DIM_LOAD = sqlPiece("clickhouse-current-generation");

/** Columns of `model_dim_rows` after `load_id`, in order (the load and migration 6 write them). */
export const MODEL_DIM_COLUMNS = `key, id, author, created_at, last_modified, pipeline_tag, library_name, license, gated,
  private, tags, has_tags, first_seen, last_seen, meta_date, link_date`;

/**
 * Version 6 (issue 15): the latest metadata and lineage of each model as a dimension written at load, instead of
 * re-aggregated per query with argMax over every date of `model_meta_all` (one row per model per date).
 *
 * `model_dim_rows` holds one row per model and `model_link_dim_rows` the current links of each model, both per load
 * generation (`PARTITION BY load_id`, on the coordinator: one row per model is small). A load computes its generation
 * before the flip from the previous generation and its staged rows (DuckDB's update rules: the newest date wins,
 * unknown values keep the older ones; `link_date` = the newest date that said anything about lineage, whose links
 * are the model's links); readers see the generation of the load that committed last ({@link CURRENT_DIM_LOAD}), so
 * a killed load's generation is never read, and the next commit drops the generations no reader can see.
 *
 * Existing stores: the generation of the last committed load is computed once from the visible rows with the rules
 * of the views it replaces (truncate first, so a re-run after an interruption recomputes it whole).
 */
const m006: ChMigration = {
  version: 6,
  name: "model-dimension",
  statements: () => [
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS model_dim_rows (load_id String, key String, id String, author String,
  created_at Nullable(DateTime), last_modified Nullable(DateTime), pipeline_tag Nullable(String),
  library_name Nullable(String), license Nullable(String), gated Nullable(String), private Nullable(UInt8),
  tags Array(String), has_tags UInt8, first_seen Date, last_seen Date, meta_date Date, link_date Date)
ENGINE = MergeTree PARTITION BY load_id ORDER BY key`,
    },
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS model_link_dim_rows (load_id String, child_key String, parent_key String,
  parent_id String, relation String, origin String) ENGINE = MergeTree PARTITION BY load_id ORDER BY (child_key, parent_key)`,
    },
    { on: "coordinator", sql: "TRUNCATE TABLE model_dim_rows" },
    { on: "coordinator", sql: "TRUNCATE TABLE model_link_dim_rows" },
    {
      on: "coordinator",
      // the rules of version 1's `model` view, over the visible rows
      sql: `INSERT INTO model_dim_rows (load_id, ${MODEL_DIM_COLUMNS})
SELECT ${LAST_COMMITTED_LOAD}, key, argMax(id, date), argMax(author, date), argMax(created_at, date),
  argMax(last_modified, date), nullIf(argMax(ifNull(pipeline_tag, '\\0'), date), '\\0'),
  nullIf(argMax(ifNull(library_name, '\\0'), date), '\\0'),
  if(countIf(isNotNull(license) OR tags_known = 1) = 0, NULL,
    nullIf(argMaxIf(ifNull(license, '\\0'), date, isNotNull(license) OR tags_known = 1), '\\0')),
  argMax(gated, date), argMax(private, date), argMaxIf(tags, date, tags_known = 1), max(tags_known),
  min(date), max(date), max(date), maxIf(date, lineage_known = 1)
FROM model_meta_all WHERE ${VISIBLE} GROUP BY key`,
    },
    {
      on: "coordinator",
      // the rules of version 1's `model_link` view (the load id outside the Distributed read: 18.16 shards lose a
      // scalar subquery of the SELECT list)
      sql: `INSERT INTO model_link_dim_rows (load_id, child_key, parent_key, parent_id, relation, origin)
SELECT ${LAST_COMMITTED_LOAD}, child_key, parent_key, parent_id, relation, origin FROM (
  SELECT child_key, parent_key, parent_id, relation, origin
  FROM model_link_all WHERE ${VISIBLE} AND (child_key, date) GLOBAL IN (
    SELECT key, link_date FROM model_dim_rows WHERE load_id = ${LAST_COMMITTED_LOAD} AND link_date != toDate(0)))`,
    },
    { on: "coordinator", sql: "DROP TABLE IF EXISTS model" },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS model AS SELECT ${MODEL_DIM_COLUMNS} FROM model_dim_rows
WHERE load_id = ${DIM_LOAD_V6}`,
    },
    { on: "coordinator", sql: "DROP TABLE IF EXISTS model_link" },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS model_link AS SELECT child_key, parent_key, parent_id, relation, origin
FROM model_link_dim_rows WHERE load_id = ${DIM_LOAD_V6}`,
    },
  ],
};

/**
 * Version 7 (issue 15): the statistics in a second ordering, by date. `model_stats_all` stays ordered by
 * `(key, date, load_id)` for one model over many dates; `model_stats_by_date_all` holds the same rows ordered by
 * `(date, key, load_id)` with month partitions, for one date over many models (every ranking, total and share of a
 * snapshot). Two tables written by the same load rather than a materialized view: both are filled from the load's
 * de-duplicated rows in memory, the garbage collection deletes from both alike, and a killed load leaves rows in
 * both that no snapshot names. Catalog SQL reads them directly with the visibility filter and its condition in the
 * same WHERE (`model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot) AND …`
 * in the clickhouse.sql files of src/queries): 18.16 pushes no outer WHERE into the
 * `model_stats` view, so a date condition outside it read every date. Existing rows are copied once (truncate first,
 * so a re-run after an interruption copies them whole).
 */
const m007: ChMigration = {
  version: 7,
  name: "stats-by-date",
  statements: (ctx) => [
    ...largeTable(
      ctx,
      "model_stats_by_date",
      `date Date, key String, load_id String, downloads Nullable(Int64), downloads_all_time Nullable(Int64),
  likes Nullable(Int64), trending_score Nullable(Float64)`,
      "ENGINE = ReplacingMergeTree PARTITION BY toYYYYMM(date) ORDER BY (date, key, load_id)",
      "cityHash64(key)",
    ),
    { on: ctx.cluster ? "each" : "coordinator", sql: `TRUNCATE TABLE ${localTable(ctx, "model_stats_by_date")}` },
    {
      on: "coordinator",
      sql: `INSERT INTO model_stats_by_date_all (date, key, load_id, downloads, downloads_all_time, likes, trending_score)
SELECT date, key, load_id, downloads, downloads_all_time, likes, trending_score FROM model_stats_all`,
    },
  ],
};

/**
 * Version 8 (issue 15): per-snapshot roll-ups written at load (src/store/clickhouse/rollups.ts), as DuckDB's migration
 * 008, for openness-by-class, concentration, top-org-shares and top-model-shares: per (date, licence tag, gating
 * category) repos and downloads — classes applied when read from `licence_class` and `model_card_licence`, so a new
 * licence map or card licences need no rebuild —; per (date, lower-cased author) the repos with a 30-day count, their
 * downloads and the spelling min(author); per date the models with the 10,000 largest 30-day counts (ties included),
 * by key, so the dominant model is named. The first two per generation of the model dimension (read with
 * CURRENT_DIM_LOAD, as `model`), the third per load of the date's statistics (read with the `snapshot` view). Built
 * once here for the current generation and the visible dates (truncate first, so a re-run rebuilds them whole).
 */
const m008: ChMigration = {
  version: 8,
  name: "rollups",
  statements: () => [
    ...CREATE_ROLLUP_TABLES.map((sql) => ({ on: "coordinator" as const, sql })),
    ...rebuildStatements(DIM_LOAD_V6).map((sql) => ({ on: "coordinator" as const, sql })),
  ],
};

/**
 * Version 9 (issue 15): the generations written at load, listed in a small table. Finding the current generation of
 * the model dimension (and of the roll-ups, written by the same loads) read the `load_id` of every row of
 * `model_dim_rows` (`SELECT DISTINCT load_id`), in every query that reads `model`, the dimension or a roll-up; now a
 * load inserts its `load_id` into `dim_generation` once its dimension, links and roll-ups are written, before its flip,
 * and {@link CURRENT_DIM_LOAD} reads that table. The garbage collection deletes the rows of the generations it drops.
 * The `model` and `model_link` views are re-created with the new lookup; an existing store lists the generations its
 * dimension holds (truncate first, so a re-run lists them once).
 */
const m009: ChMigration = {
  version: 9,
  name: "dim-generations",
  statements: () => [
    {
      on: "coordinator",
      sql: `CREATE TABLE IF NOT EXISTS dim_generation (load_id String, written_at DateTime DEFAULT now())
ENGINE = MergeTree ORDER BY load_id`,
    },
    { on: "coordinator", sql: "TRUNCATE TABLE dim_generation" },
    { on: "coordinator", sql: "INSERT INTO dim_generation (load_id) SELECT DISTINCT load_id FROM model_dim_rows" },
    { on: "coordinator", sql: "DROP TABLE IF EXISTS model" },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS model AS SELECT ${MODEL_DIM_COLUMNS} FROM model_dim_rows
WHERE load_id = ${CURRENT_DIM_LOAD}`,
    },
    { on: "coordinator", sql: "DROP TABLE IF EXISTS model_link" },
    {
      on: "coordinator",
      sql: `CREATE VIEW IF NOT EXISTS model_link AS SELECT child_key, parent_key, parent_id, relation, origin
FROM model_link_dim_rows WHERE load_id = ${CURRENT_DIM_LOAD}`,
    },
  ],
};

/**
 * Version 12: `load_log.owner`, the host and process id of a running load (`host:pid`), so another load's clean-up
 * can tell a load in progress from one that was killed: on the same host by asking whether the process lives, from
 * another host by the load's age (src/store/clickhouse/load-session.ts). Loads recorded before have no owner.
 */
const m012: ChMigration = {
  version: 12,
  name: "load-owner",
  statements: () => [
    {
      on: "coordinator",
      sql: "ALTER TABLE load_log ADD COLUMN owner String DEFAULT ''",
      unless: hasColumn("load_log", "owner"),
    },
  ],
};

/**
 * Version 10 (issue 15): the lineage walks of the registry's families stored per generation of the model dimension
 * (src/store/clickhouse/stored-walks.ts), as DuckDB's migration 009, so a family query reads its walk instead of
 * reading every link and walking per query. Created empty: until the next load every family query walks, as before.
 */
const m010: ChMigration = {
  version: 10,
  name: "family-walks",
  statements: () => CREATE_STORED_WALK_TABLES.map((sql) => ({ on: "coordinator" as const, sql })),
};

/**
 * Version 11 (issue 15): the per-date metadata and lineage tables go. `model_meta_all` held one row per model per
 * date (id, author, timestamps, task, library, licence, gating, privacy, the tag list) and `model_link_all` the
 * lineage links of every date; since versions 6 and 7 no query reads either (the `model` and `model_link` views read
 * the dimension written at load, the statistics have their own tables), the copy exports the dimension, and the
 * DuckDB store never kept a history of metadata (its `model` row is overwritten by newer dates, as the dimension is).
 * Writing them was a third of a load's server time on the full listing, and `model_meta_all` the largest table after
 * the statistics. What they held that nothing else holds — how a model's metadata and links looked on each past
 * date — was never shown. Dropped here (the Distributed table first, then each node's shards).
 */
const m011: ChMigration = {
  version: 11,
  name: "drop-per-date-metadata",
  statements: (ctx) =>
    ["model_meta", "model_link"].flatMap((base): ChStatement[] =>
      ctx.cluster
        ? [
            { on: "coordinator", sql: `DROP TABLE IF EXISTS ${base}_all` },
            { on: "each", sql: `DROP TABLE IF EXISTS ${base}_local` },
          ]
        : [{ on: "coordinator", sql: `DROP TABLE IF EXISTS ${base}_all` }],
    ),
};

/**
 * Version 13 (issue 15): the per-date aggregates of the stored family walks (src/store/clickhouse/family-rollups.ts),
 * so family-series and family-totals with a registry family's default parameters read a few hundred rows instead of
 * every member's statistics. Built here for the current generation's stored walks over every visible date (truncate
 * first, so a re-run rebuilds them whole); a store whose current generation has no stored walks gets none (until its
 * next load, every family query walks, as before).
 */
const m013: ChMigration = {
  version: 13,
  name: "family-rollups",
  statements: () => [
    { on: "coordinator", sql: CREATE_FAMILY_ROLLUP_TABLE },
    ...rebuildFamilyStatements(CURRENT_DIM_LOAD).map((sql) => ({ on: "coordinator" as const, sql })),
  ],
};

/**
 * Version 14 (issue 15): the licence roll-up (version 8) groups repos tagged other/unknown or untagged whose model
 * card names their licence under `name:` + that name — the key `licence_class` maps, so classes are still applied when
 * read — instead of openness-by-class moving them at every read; card licences stored later move their repos in the
 * roll-up (src/store/clickhouse/rollups.ts). The current generation's licence roll-up is rebuilt here (truncate first,
 * so a re-run rebuilds it whole).
 */
const m014: ChMigration = {
  version: 14,
  name: "card-licences-in-rollup",
  statements: () => licenceRebuildStatements(CURRENT_DIM_LOAD).map((sql) => ({ on: "coordinator" as const, sql })),
};

/**
 * Version 15 (issue 15): the per-date aggregates of the stored family walks (version 13) split by the relation and
 * depth each member was reached by (`relation`, `depth`: 'official' and 0 for the official repos), so family-breakdown
 * with a registry family's default parameters reads its answer from a few rows (its clickhouse-stored.sql) instead of
 * the date's statistics of every derivative; the other readers sum over the finer rows as before. Written by the same
 * load-time pass (family-rollups.ts). The columns are added to a table from before (a fresh store's version 13 creates
 * them) and the current generation's aggregates rebuilt at the finer grain (truncate first, so a re-run rebuilds them
 * whole).
 */
const m015: ChMigration = {
  version: 15,
  name: "family-breakdown-rollups",
  statements: () => [
    {
      on: "coordinator",
      sql: "ALTER TABLE rollup_family_rows ADD COLUMN relation String",
      unless: hasColumn("rollup_family_rows", "relation"),
    },
    {
      on: "coordinator",
      sql: "ALTER TABLE rollup_family_rows ADD COLUMN depth UInt32",
      unless: hasColumn("rollup_family_rows", "depth"),
    },
    ...rebuildFamilyStatements(CURRENT_DIM_LOAD).map((sql) => ({ on: "coordinator" as const, sql })),
  ],
};

/**
 * Version 16 (issue 15): org-ranking's roll-up (src/store/clickhouse/rollups.ts, `rollup_org_rank_rows` and the
 * writer of each date per generation, `rollup_org_rank_dates`): per date and organisation the repos, downloads and likes at the date and, per growth window (7, 30, 90), the
 * like-for-like counts and sums against the window's base snapshot, so org-ranking without a task or library filter
 * reads one date's organisations instead of joining two dates' statistics of every model to the dimension. Built here
 * for the current generation, one date at a time (dropped first, so a re-run rebuilds it whole).
 */
const m016: ChMigration = {
  version: 16,
  name: "org-rank-rollup",
  statements: () => CREATE_ORG_RANK_TABLES.map((sql) => ({ on: "coordinator" as const, sql })),
  run: rebuildCurrentOrgRank,
};

/**
 * Version 17 (issue 15): the facet roll-up (src/store/clickhouse/facet-rollups.ts): per generation of the model
 * dimension, date, dimension (task, library) and value, the repos listed and their downloads, so model-facets reads a
 * few hundred rows instead of the date's statistics joined to the dimension. Written at load from then on; built here
 * for the current generation over every visible date (truncate first, so a re-run rebuilds it whole).
 */
const m017: ChMigration = {
  version: 17,
  name: "facet-rollup",
  statements: () => [
    { on: "coordinator", sql: CREATE_FACET_ROLLUP_TABLE },
    ...rebuildFacetStatements(CURRENT_DIM_LOAD).map((sql) => ({ on: "coordinator" as const, sql })),
  ],
};

/**
 * Version 18 (issue 15): the organisations' roll-up (`rollup_org_rows`) no longer copied into every generation: its
 * rows stay with the load that wrote them and `rollup_org_dates` lists, per generation, the writer of each date
 * (src/store/clickhouse/rollups.ts, {@link CREATE_ORG_DATES_TABLE}). Here every existing (generation, date) is listed
 * as its own writer (truncate first, so a re-run lists them again); the rows stay as they are.
 */
const m018: ChMigration = {
  version: 18,
  name: "org-rollup-writers",
  statements: () => [CREATE_ORG_DATES_TABLE, ...ORG_DATES_REBUILD].map((sql) => ({ on: "coordinator" as const, sql })),
};

/**
 * Version 19 (issue 15): org-ranking's roll-up by task and by library (src/store/clickhouse/rollups.ts,
 * `rollup_org_facet_rows` and its writers per generation, `rollup_org_facet_dates`): the columns of version 16's per
 * date, dimension (task, library), lower-cased value and organisation, so org-ranking with one of the two filters reads
 * one date's rows of that value instead of joining two dates' statistics to the dimension. Written at load from then
 * on; built here for the current generation, one date at a time (dropped first, so a re-run rebuilds it whole).
 */
const m019: ChMigration = {
  version: 19,
  name: "org-rank-facet-rollup",
  statements: () => CREATE_ORG_FACET_TABLES.map((sql) => ({ on: "coordinator" as const, sql })),
  run: rebuildCurrentOrgFacet,
};

/**
 * Version 20 (issue 15): the key hashes each dimension generation's keys share (src/store/clickhouse/key-hashes.ts),
 * so entrants-since and new-entrants compare two dates' keys as hashes; listed at load from then on, here for every
 * generation the dimension holds.
 */
const m020: ChMigration = {
  version: 20,
  name: "key-hash-collisions",
  statements: () =>
    [CREATE_KEY_HASH_COLLISIONS, ...REBUILD_KEY_HASH_COLLISIONS].map((sql) => ({ on: "coordinator" as const, sql })),
};

/**
 * Every migration, oldest first. A store that has a later version but not an earlier one (e.g. 3 but not 2, from
 * before the branches merged) gets the missing one on open.
 */
export const CH_MIGRATIONS: readonly ChMigration[] = [
  m001,
  m002,
  m003,
  m004,
  m005,
  m006,
  m007,
  m008,
  m009,
  m010,
  m011,
  m012,
  m013,
  m014,
  m015,
  m016,
  m017,
  m018,
  m019,
  m020,
];

/** The bookkeeping table (coordinator). */
export const CREATE_SCHEMA_MIGRATIONS =
  "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime) ENGINE = MergeTree ORDER BY version";
