/**
 * SQL that reads input files straight into the normalised staging table, in one pass: every reader yields the
 * Hub's wire fields, and one SELECT (below) turns them into the normalised record (lower-cased key, author,
 * parsed timestamps, licence, gating, lineage sources). Paths and dates are bound parameters.
 */

import {
  MAX_MODEL_ID_LENGTH,
  MODEL_ID_PATTERN,
  ROW_DATE_PATTERN,
  TIMESTAMP_PATTERN,
} from "../../domain/record-rules.js";

/** The staging table: one normalised row per input object (temporary: invisible to other connections, never persisted). */
export const CREATE_STAGE = `CREATE OR REPLACE TEMP TABLE stage_model (
  file_no INTEGER, snap_date DATE, key VARCHAR, id VARCHAR, author VARCHAR, downloads BIGINT, downloads_all_time BIGINT,
  likes BIGINT, trending_score DOUBLE, created_at TIMESTAMP, last_modified TIMESTAMP, pipeline_tag VARCHAR,
  library_name VARCHAR, license VARCHAR, gated VARCHAR, private BOOLEAN, tags VARCHAR[], bm_tags VARCHAR[], card_base JSON,
  base_models JSON,
  bad VARCHAR  -- the first field that breaks a rule of src/domain/record-rules.ts (NULL: the row is sound)
)`;

/** Legacy base-model ids → canonical ids (lower-cased), applied to lineage links at commit. */
export const CREATE_STAGE_ALIAS = "CREATE OR REPLACE TEMP TABLE stage_alias (alias_key VARCHAR, canonical_id VARCHAR)";

/**
 * Adds the aliases: two lists of the same length unnested side by side (one statement per alias was 43 statements,
 * ~44 ms of every load).
 */
export const INSERT_STAGE_ALIASES = "INSERT INTO stage_alias SELECT lower(unnest($aliases)), unnest($canonicals)";

/** A count column is sound when absent, or a whole number not below zero (1.5 is not rounded: the row is flagged). */
const count = (c: string) => `(w.${c} IS NOT NULL AND (w.${c} < 0 OR w.${c} <> floor(w.${c})))`;

/**
 * A timestamp column is sound when absent, or a real ISO 8601 date/time (`$ts_pattern`); `w.<c>_tz` is its value as
 * an instant, parsed once by {@link wire} (parsing it here and again for the value cost 0.3–0.7 s of CPU on the full
 * listing).
 */
const stamp = (c: string) =>
  `(w.${c} IS NOT NULL AND (NOT regexp_full_match(w.${c}, $ts_pattern) OR w.${c}_tz IS NULL))`;

/**
 * The first field of a row that breaks a rule of src/domain/record-rules.ts, or NULL. The patterns are bound
 * (`$id_pattern`, `$id_max`, `$date_pattern`, `$ts_pattern`) from that module, the one definition the sanitizer uses
 * too; a flagged row sends its file through the sanitizer, which names the line and field.
 */
const BAD = `CASE
    WHEN w.id IS NULL OR trim(w.id) = '' OR length(w.id) > $id_max OR NOT regexp_full_match(w.id, $id_pattern) THEN 'id'
    WHEN ${count("downloads")} THEN 'downloads'
    WHEN ${count("downloadsAllTime")} THEN 'downloadsAllTime'
    WHEN ${count("likes")} THEN 'likes'
    WHEN w.date IS NOT NULL AND (NOT regexp_full_match(w.date, $date_pattern) OR try_cast(w.date AS DATE) IS NULL) THEN 'date'
    WHEN ${stamp("createdAt")} THEN 'createdAt'
    WHEN ${stamp("lastModified")} THEN 'lastModified'
  END`;

/**
 * The relation `w` that {@link NORMALISE} reads: a reader's rows (the wire column names) with the two timestamps
 * parsed once, as `createdAt_tz` and `lastModified_tz`.
 */
const wire = (reader: string) => `(SELECT *, try_cast(r.createdAt AS TIMESTAMPTZ) AS createdAt_tz,
  try_cast(r.lastModified AS TIMESTAMPTZ) AS lastModified_tz FROM ${reader} r) w`;

/**
 * The normalising projection over {@link wire}'s relation `w`. The licence is the first
 * `license:` tag, else `cardData.license` (string or list); only the lineage keys of `cardData` are kept.
 */
const NORMALISE = `SELECT $file_no, coalesce(try_cast(w.date AS DATE), $default_date::DATE), lower(w.id), w.id,
  coalesce(nullif(w.author, ''), split_part(w.id, '/', 1)),
  CAST(w.downloads AS BIGINT), CAST(w.downloadsAllTime AS BIGINT), CAST(w.likes AS BIGINT), w.trendingScore,
  try_cast(w.createdAt_tz AS TIMESTAMP), try_cast(w.lastModified_tz AS TIMESTAMP),
  w.pipeline_tag, w.library_name,
  coalesce(
    substr(list_filter(w.tags, lambda t: starts_with(t, 'license:'))[1], 9),
    CASE json_type((w.cardData -> 'license')) WHEN 'VARCHAR' THEN (w.cardData ->> 'license')
      WHEN 'ARRAY' THEN ((w.cardData -> 'license') ->> 0) END
  ),
  CASE WHEN w.gated IS NULL OR json_type(w.gated) = 'NULL' THEN NULL ELSE lower((w.gated ->> '$')) END,
  w.private, w.tags, list_filter(w.tags, lambda t: starts_with(t, 'base_model:')),
  CASE WHEN (w.cardData -> 'base_model') IS NOT NULL THEN json_object('base_model', (w.cardData -> 'base_model'),
    'base_model_relation', (w.cardData -> 'base_model_relation')) END,
  CASE WHEN json_type(w.baseModels) <> 'NULL' THEN w.baseModels END,
  ${BAD}`;

/** The column types DuckDB's JSON reader is told to produce (unknown keys are ignored). */
const JSON_COLUMNS = `{id: 'VARCHAR', author: 'VARCHAR', downloads: 'DOUBLE', downloadsAllTime: 'DOUBLE', likes: 'DOUBLE',
  trendingScore: 'DOUBLE', tags: 'VARCHAR[]', pipeline_tag: 'VARCHAR', library_name: 'VARCHAR', createdAt: 'VARCHAR',
  lastModified: 'VARCHAR', gated: 'JSON', private: 'BOOLEAN', cardData: 'JSON', baseModels: 'JSON', date: 'VARCHAR'}`;

/**
 * The largest model object the readers take: DuckDB's default, 16 MiB (the largest of the full 2024-07-11 listing is
 * 25 KB; in a JSON array the limit applies to each element, not to the array). The reader's buffers grow with it:
 * 64 MiB raised the staging's peak by about 95 MB on the full listing, and needed 128 MiB blocks at once.
 */
const MAX_OBJECT = 16_777_216;

/** Stages a JSON Lines file (plain or gzip). */
export const STAGE_JSONL = `INSERT INTO stage_model ${NORMALISE}
FROM ${wire(`read_json($path, format = 'newline_delimited', columns = ${JSON_COLUMNS}, maximum_object_size = ${MAX_OBJECT})`)}`;

/** Stages files holding one JSON array of model objects each (scraped or crawled pages; `$path` may be a glob). */
export const STAGE_JSON_ARRAY = `INSERT INTO stage_model ${NORMALISE}
FROM ${wire(`read_json($path, format = 'array', columns = ${JSON_COLUMNS}, maximum_object_size = ${MAX_OBJECT})`)}`;

/** Lists the columns of a Parquet file, to map whichever of the Hub's fields it has. */
export const DESCRIBE_PARQUET = "DESCRIBE SELECT * FROM read_parquet($path)";

/**
 * Parquet column → wire-typed expression. Keys are the Hub dump's column names (a fixed list, never user text);
 * `cardData` is a JSON string in the public dump, `baseModels` a struct.
 */
const PARQUET_COLUMNS: ReadonlyArray<[string, string, string]> = [
  ["id", "CAST(id AS VARCHAR)", "VARCHAR"],
  ["author", "CAST(author AS VARCHAR)", "VARCHAR"],
  ["downloads", "CAST(downloads AS DOUBLE)", "DOUBLE"],
  ["downloadsAllTime", "CAST(downloadsAllTime AS DOUBLE)", "DOUBLE"],
  ["likes", "CAST(likes AS DOUBLE)", "DOUBLE"],
  ["trendingScore", "CAST(trendingScore AS DOUBLE)", "DOUBLE"],
  ["tags", "CAST(tags AS VARCHAR[])", "VARCHAR[]"],
  ["pipeline_tag", "CAST(pipeline_tag AS VARCHAR)", "VARCHAR"],
  ["library_name", "CAST(library_name AS VARCHAR)", "VARCHAR"],
  ["createdAt", "CAST(createdAt AS VARCHAR)", "VARCHAR"],
  ["lastModified", "CAST(lastModified AS VARCHAR)", "VARCHAR"],
  ["gated", "to_json(gated)", "JSON"],
  ["private", "CAST(private AS BOOLEAN)", "BOOLEAN"],
  [
    "cardData",
    "CASE WHEN typeof(cardData) = 'VARCHAR' THEN try_cast(cardData AS JSON) ELSE to_json(cardData) END",
    "JSON",
  ],
  ["baseModels", "to_json(baseModels)", "JSON"],
  ["date", "CAST(date AS VARCHAR)", "VARCHAR"],
];

/** Builds the Parquet staging statement from the columns the file has (names from the fixed map only). */
export function stageParquetSql(present: ReadonlySet<string>): string {
  const cols = PARQUET_COLUMNS.map(([name, expr, type]) =>
    present.has(name) ? `${expr} AS "${name}"` : `CAST(NULL AS ${type}) AS "${name}"`,
  );
  return `INSERT INTO stage_model ${NORMALISE} FROM ${wire(`(SELECT ${cols.join(", ")} FROM read_parquet($path))`)}`;
}

/**
 * Whether a staged row (alias `n`) lists its tags: read from `bm_tags`, which is NULL exactly when `tags` is (a
 * filter of the list), and narrow: testing the wide `tags` column read it back from where the budget had spilled it
 * (0.07–0.28 s a pass on the full listing, against 0.01–0.03 s).
 */
export const tagsListed = (n: string) => `(${n}.bm_tags IS NOT NULL)`;

/**
 * Whether a staged row (alias `n`) says anything about its lineage: a `tags` list, `cardData.base_model` or
 * `baseModels`. Only such a row replaces the lineage links its model had from an older date.
 */
export const lineageKnown = (n: string) =>
  `(${tagsListed(n)} OR ${n}.card_base IS NOT NULL OR ${n}.base_models IS NOT NULL)`;

/** The condition that makes a staged row malformed. */
const MALFORMED = "(bad IS NOT NULL)";

/** Counts what a just-staged file holds: rows, malformed rows, undated rows and distinct dates. */
export const STAGED_FILE_SUMMARY = `SELECT count(*) AS rows,
  count(*) FILTER (WHERE ${MALFORMED}) AS malformed,
  min(bad) AS first_bad,
  count(*) FILTER (WHERE snap_date IS NULL) AS undated,
  list(DISTINCT strftime(snap_date, '%Y-%m-%d') ORDER BY 1) FILTER (WHERE snap_date IS NOT NULL) AS dates
FROM stage_model WHERE file_no = $file_no`;

/** Drops every malformed staged row before commit (strict callers have already failed; others counted them). */
export const DROP_ALL_MALFORMED = `DELETE FROM stage_model WHERE ${MALFORMED}`;

/** Removes one file's rows from staging. */
export const UNSTAGE_FILE = "DELETE FROM stage_model WHERE file_no = $file_no";

/** The bound values of the row rules in {@link BAD} (every staging statement binds them). */
export const RULE_BINDINGS = {
  id_pattern: MODEL_ID_PATTERN,
  id_max: MAX_MODEL_ID_LENGTH,
  date_pattern: ROW_DATE_PATTERN,
  ts_pattern: TIMESTAMP_PATTERN,
} as const;
