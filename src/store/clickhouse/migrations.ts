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
 * reads DuckDB's tables (joined by `key` instead of the surrogate `mid`).
 */

/** Where a statement runs. */
export type ChTarget = "each" | "coordinator";

/** One DDL statement and the nodes it runs on. */
export interface ChStatement {
  on: ChTarget;
  sql: string;
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

/** Every migration, oldest first (versions 2, 4… are other branches' and land in their order). */
export const CH_MIGRATIONS: readonly ChMigration[] = [m001, m003];

/** The bookkeeping table (coordinator). */
export const CREATE_SCHEMA_MIGRATIONS =
  "CREATE TABLE IF NOT EXISTS schema_migrations (version UInt32, name String, applied_at DateTime) ENGINE = MergeTree ORDER BY version";
