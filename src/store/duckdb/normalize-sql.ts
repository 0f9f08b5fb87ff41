/**
 * SQL that turns staged wire rows into the normalised record (one per model and date) and lineage links.
 * Runs on temporary tables before the load transaction opens, so nothing persistent changes here.
 */

/** One row per (date, lower-cased id): a model listed twice in one snapshot (pages shift during a crawl) counts once. */
export const CREATE_STAGE_MODEL = `CREATE OR REPLACE TEMP TABLE stage_model AS
SELECT snap_date, lower(id) AS key, id,
  coalesce(nullif(author, ''), split_part(id, '/', 1)) AS author,
  downloads, downloads_all_time, likes, trending_score,
  try_cast(try_cast(created_at AS TIMESTAMPTZ) AS TIMESTAMP) AS created_at,
  try_cast(try_cast(last_modified AS TIMESTAMPTZ) AS TIMESTAMP) AS last_modified,
  pipeline_tag, library_name,
  coalesce(
    substr(list_filter(tags, lambda t: starts_with(t, 'license:'))[1], 9),
    CASE json_type(card_data -> 'license') WHEN 'VARCHAR' THEN card_data ->> 'license'
      WHEN 'ARRAY' THEN card_data -> 'license' ->> 0 END
  ) AS license,
  CASE WHEN gated IS NULL OR json_type(gated) = 'NULL' THEN NULL ELSE lower(gated ->> '$') END AS gated,
  private, tags, card_data, base_models
FROM stage_raw
WHERE id IS NOT NULL AND trim(id) <> '' AND coalesce(downloads, 0) >= 0 AND coalesce(downloads_all_time, 0) >= 0
  AND coalesce(likes, 0) >= 0
QUALIFY row_number() OVER (PARTITION BY snap_date, lower(id) ORDER BY file_no DESC) = 1`;

/**
 * Lineage links of the staged models: `base_model:X` and `base_model:RELATION:X` tags, `cardData.base_model`
 * (string or list, with `base_model_relation`) and `baseModels` ({relation, models: [{id}]}, or a list of them).
 * Per (child, parent) the most specific relation wins; `origin` names where it came from.
 */
export const CREATE_STAGE_LINK = `CREATE OR REPLACE TEMP TABLE stage_link AS
WITH tag_links AS (
  SELECT snap_date, key, substr(t, 12) AS v
  FROM (SELECT snap_date, key, unnest(tags) AS t FROM stage_model WHERE tags IS NOT NULL)
  WHERE starts_with(t, 'base_model:')
),
raw AS (
  SELECT snap_date, key,
    CASE WHEN regexp_matches(v, '^(finetune|adapter|quantized|merge):') THEN substr(v, strpos(v, ':') + 1) ELSE v END AS parent,
    CASE WHEN regexp_matches(v, '^(finetune|adapter|quantized|merge):') THEN split_part(v, ':', 1) ELSE 'unknown' END AS relation,
    CASE WHEN regexp_matches(v, '^(finetune|adapter|quantized|merge):') THEN 'typed-tag' ELSE 'tag' END AS origin
  FROM tag_links
  UNION ALL
  SELECT snap_date, key, unnest(
      CASE json_type(card_data -> 'base_model')
        WHEN 'VARCHAR' THEN [card_data ->> 'base_model']
        WHEN 'ARRAY' THEN CAST(card_data -> 'base_model' AS VARCHAR[])
      END) AS parent,
    coalesce(lower(card_data ->> 'base_model_relation'), 'unknown') AS relation, 'cardData' AS origin
  FROM stage_model WHERE card_data IS NOT NULL
  UNION ALL
  SELECT snap_date, key, unnest(json_extract_string(bm, '$.models[*].id')) AS parent,
    coalesce(lower(bm ->> 'relation'), 'unknown') AS relation, 'baseModels' AS origin
  FROM (
    SELECT snap_date, key,
      unnest(CASE json_type(base_models) WHEN 'ARRAY' THEN CAST(base_models AS JSON[]) ELSE [base_models] END) AS bm
    FROM stage_model WHERE base_models IS NOT NULL AND json_type(base_models) <> 'NULL'
  )
),
ranked AS (
  SELECT snap_date, key, trim(parent) AS parent,
    CASE WHEN relation IN ('finetune', 'adapter', 'quantized', 'merge') THEN relation ELSE 'unknown' END AS relation,
    origin
  FROM raw WHERE parent IS NOT NULL AND trim(parent) <> ''
)
SELECT snap_date, key AS child_key, lower(parent) AS parent_key, arg_max(parent, length(origin)) AS parent_id,
  arg_max(relation, CASE WHEN relation = 'unknown' THEN 0 ELSE 1 END * 10 +
    CASE origin WHEN 'typed-tag' THEN 4 WHEN 'baseModels' THEN 3 WHEN 'cardData' THEN 2 ELSE 1 END) AS relation,
  string_agg(DISTINCT origin, ',' ORDER BY origin) AS origin
FROM ranked
WHERE lower(parent) <> key
GROUP BY snap_date, key, lower(parent)`;

/** Dates present in staging, oldest first. */
export const STAGED_DATES = `SELECT DISTINCT strftime(snap_date, '%Y-%m-%d') AS date FROM stage_model ORDER BY date`;
