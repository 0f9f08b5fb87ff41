/**
 * SQL run on the staged rows before the load transaction opens (temporary tables only, so nothing persistent
 * changes here): de-duplication and lineage links.
 */
import { tagsListed } from "./stage-sql.js";

/**
 * How many (date, id) pairs the staged rows repeat (pages shift while a crawl runs; a model must count once; files
 * of one load may list the same model), checked before the de-duplication it spares (a window over every row, then a
 * DELETE: 0.6–0.7 s on the full listing). Rows of a repeated pair share their hash, so only the rows whose hash
 * repeats are grouped by their text; DuckDB's hash of near-identical strings does collide (5 pairs among the 760,000
 * ids of the 2024-07-11 listing, e.g. `ilkt/2024-06-24_22-31-23_epoch_4` and `…-28_epoch_9`). On the full listing
 * this one pass took 0.10–0.17 s, where counting distinct hashes when each file was staged, then grouping every row
 * by its text when they collided, took 0.37–0.6 s.
 */
export const COUNT_DUPLICATES = `SELECT count(*) AS dups FROM (
  SELECT 1 FROM stage_model
  WHERE hash(snap_date, key) IN (SELECT h FROM (SELECT hash(snap_date, key) AS h FROM stage_model) GROUP BY h HAVING count(*) > 1)
  GROUP BY snap_date, key HAVING count(*) > 1)`;

/** Keeps one row per (date, key): the one from the last staged file. Only run when there are duplicates. */
export const DROP_DUPLICATES = `DELETE FROM stage_model WHERE rowid IN (
  SELECT rid FROM (
    SELECT rowid AS rid, row_number() OVER (PARTITION BY snap_date, key ORDER BY file_no DESC, rowid DESC) AS rn
    FROM stage_model)
  WHERE rn > 1)`;

/**
 * Lineage links of the staged models: `base_model:X` and `base_model:RELATION:X` tags, `cardData.base_model`
 * (string or list, with `base_model_relation`) and `baseModels` ({relation, models: [{id}]}, or a list of them).
 * Legacy bare ids are resolved through `stage_alias`. Per (child, parent) the most specific relation wins; `origin`
 * names where it came from (each source once, sorted: a list sorted after grouping, where an ordered `string_agg`
 * had made the whole statement take 2.5× as long).
 */
export const CREATE_STAGE_LINK = `CREATE OR REPLACE TEMP TABLE stage_link AS
WITH tag_links AS (
  SELECT snap_date, key, substr(t, 12) AS v
  FROM (SELECT snap_date, key, unnest(bm_tags) AS t FROM stage_model WHERE len(bm_tags) > 0)
),
raw AS (
  SELECT snap_date, key,
    CASE WHEN regexp_matches(v, '^(finetune|adapter|quantized|merge):') THEN substr(v, strpos(v, ':') + 1) ELSE v END AS parent,
    CASE WHEN regexp_matches(v, '^(finetune|adapter|quantized|merge):') THEN split_part(v, ':', 1) ELSE 'unknown' END AS relation,
    CASE WHEN regexp_matches(v, '^(finetune|adapter|quantized|merge):') THEN 'typed-tag' ELSE 'tag' END AS origin
  FROM tag_links
  UNION ALL
  SELECT snap_date, key, unnest(
      CASE json_type(card_base -> 'base_model')
        WHEN 'VARCHAR' THEN [card_base ->> 'base_model']
        WHEN 'ARRAY' THEN CAST(card_base -> 'base_model' AS VARCHAR[])
      END) AS parent,
    coalesce(lower(card_base ->> 'base_model_relation'), 'unknown') AS relation, 'cardData' AS origin
  FROM stage_model WHERE card_base IS NOT NULL
  UNION ALL
  SELECT snap_date, key, unnest(json_extract_string(bm, '$.models[*].id')) AS parent,
    coalesce(lower(bm ->> 'relation'), 'unknown') AS relation, 'baseModels' AS origin
  FROM (
    SELECT snap_date, key,
      unnest(CASE json_type(base_models) WHEN 'ARRAY' THEN CAST(base_models AS JSON[]) ELSE [base_models] END) AS bm
    FROM stage_model WHERE base_models IS NOT NULL
  )
),
ranked AS (
  SELECT snap_date, key, trim(parent) AS parent,
    CASE WHEN relation IN ('finetune', 'adapter', 'quantized', 'merge') THEN relation ELSE 'unknown' END AS relation,
    origin
  FROM raw WHERE parent IS NOT NULL AND trim(parent) <> ''
),
resolved AS (
  -- legacy un-namespaced ids (gpt2, bert-base-uncased…) point at the repos they moved to
  SELECT r.snap_date, r.key, coalesce(a.canonical_id, r.parent) AS parent, r.relation,
    CASE WHEN a.canonical_id IS NULL THEN r.origin ELSE r.origin || '+alias' END AS origin
  FROM ranked r LEFT JOIN stage_alias a ON a.alias_key = lower(r.parent)
)
SELECT snap_date, key AS child_key, lower(parent) AS parent_key, arg_max(parent, length(origin)) AS parent_id,
  arg_max(relation, CASE WHEN relation = 'unknown' THEN 0 ELSE 1 END * 10 +
    CASE origin WHEN 'typed-tag' THEN 4 WHEN 'baseModels' THEN 3 WHEN 'cardData' THEN 2 ELSE 1 END) AS relation,
  array_to_string(list_sort(list_distinct(list(origin))), ',') AS origin
FROM resolved
WHERE lower(parent) <> key
GROUP BY snap_date, key, lower(parent)`;

/**
 * Dates present in staging, oldest first (each formatted once, not once per row: ~45 → 5–10 ms on the full listing).
 */
export const STAGED_DATES = `SELECT strftime(d, '%Y-%m-%d') AS date FROM (SELECT DISTINCT snap_date AS d FROM stage_model) ORDER BY d`;

/**
 * Candidates of the re-upload rule: staged repos of the re-uploaders (`$authors`, a comma list of lower-cased
 * namespaces) whose row lists tags (lineage known) and gives no lineage link.
 */
export const REUPLOAD_CANDIDATES = `SELECT strftime(n.snap_date, '%Y-%m-%d') AS date, n.key, n.id
FROM stage_model n
WHERE lower(n.author) IN (SELECT unnest(string_split($authors, ','))) AND ${tagsListed("n")}
  AND NOT EXISTS (SELECT 1 FROM stage_link l WHERE l.child_key = n.key AND l.snap_date = n.snap_date)
ORDER BY n.snap_date, n.key`;

/** Targets of the re-upload rule: stored and staged repos of the namespaces `$authors` (comma list, lower-cased). */
export const REUPLOAD_TARGETS = `SELECT key, min(id) AS id FROM (
  SELECT key, id FROM model WHERE lower(author) IN (SELECT unnest(string_split($authors, ',')))
  UNION ALL
  SELECT key, id FROM stage_model WHERE lower(author) IN (SELECT unnest(string_split($authors, ',')))
) GROUP BY key ORDER BY key`;

/** The re-upload links the rule found, written before the load transaction (see commit-sql INSERT_REUPLOAD_LINKS). */
export const CREATE_STAGE_REUPLOAD = `CREATE OR REPLACE TEMP TABLE stage_reupload (
  snap_date DATE, child_key VARCHAR, parent_key VARCHAR, parent_id VARCHAR)`;

/**
 * Every re-upload link the rule found, in one statement: four lists of the same length (dates, child keys, parent keys,
 * parent ids) unnested side by side (one INSERT per link cost 0.8 s for the 1,034 links of the full listing).
 */
export const INSERT_STAGE_REUPLOADS = `INSERT INTO stage_reupload
SELECT CAST(unnest($dates) AS DATE), unnest($child_keys), unnest($parent_keys), unnest($parent_ids)`;
