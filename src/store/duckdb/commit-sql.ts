/**
 * Statements of the load transaction, run once per staged date (oldest first). Together they replace that date's
 * statistics, refresh model metadata where this date is the newest seen, refresh lineage of those models and
 * mark the snapshot complete. A failure anywhere rolls the whole transaction back.
 */
import { lineageKnown } from "./stage-sql.js";

/** Drops the date's previous statistics (a re-load replaces). */
export const DELETE_STATS = "DELETE FROM model_stats WHERE date = $date::DATE";

/** Writes the date's statistics (after the models exist), sorted by model id so the columns compress. */
export const INSERT_STATS = `INSERT INTO model_stats
SELECT n.snap_date, m.mid, n.downloads, n.downloads_all_time, n.likes, n.trending_score
FROM stage_model n JOIN model m ON m.key = n.key
WHERE n.snap_date = $date::DATE ORDER BY m.mid`;

/** Updates seen-dates of known models, and their metadata when this date is at least as new as what they hold. */
export const UPDATE_MODELS = `UPDATE model SET
  id = CASE WHEN model.meta_date <= n.snap_date THEN n.id ELSE model.id END,
  author = CASE WHEN model.meta_date <= n.snap_date THEN n.author ELSE model.author END,
  created_at = CASE WHEN model.meta_date <= n.snap_date THEN coalesce(n.created_at, model.created_at) ELSE model.created_at END,
  last_modified = CASE WHEN model.meta_date <= n.snap_date THEN coalesce(n.last_modified, model.last_modified) ELSE model.last_modified END,
  pipeline_tag = CASE WHEN model.meta_date <= n.snap_date THEN n.pipeline_tag ELSE model.pipeline_tag END,
  library_name = CASE WHEN model.meta_date <= n.snap_date THEN n.library_name ELSE model.library_name END,
  license = CASE WHEN model.meta_date <= n.snap_date THEN coalesce(n.license, CASE WHEN n.tags IS NULL THEN model.license END) ELSE model.license END,
  gated = CASE WHEN model.meta_date <= n.snap_date THEN coalesce(n.gated, model.gated) ELSE model.gated END,
  private = CASE WHEN model.meta_date <= n.snap_date THEN coalesce(n.private, model.private) ELSE model.private END,
  tags = CASE WHEN model.meta_date <= n.snap_date THEN coalesce(n.tags, model.tags) ELSE model.tags END,
  first_seen = least(model.first_seen, n.snap_date),
  last_seen = greatest(model.last_seen, n.snap_date),
  meta_date = greatest(model.meta_date, n.snap_date)
FROM stage_model n
WHERE n.snap_date = $date::DATE AND model.key = n.key`;

/** Adds models never seen before, numbered from a sequence (no sort of the wide rows needed). */
export const INSERT_MODELS = `INSERT INTO model
SELECT nextval('model_mid_seq'), n.key, n.id, n.author, n.created_at, n.last_modified, n.pipeline_tag, n.library_name, n.license, n.gated,
  n.private, n.tags, n.snap_date, n.snap_date, n.snap_date
FROM stage_model n ANTI JOIN model m ON m.key = n.key
WHERE n.snap_date = $date::DATE`;

/**
 * The staged models of this date whose metadata does NOT come from it: those the store holds with newer metadata (an
 * older date loaded after a newer one). Dates load oldest first, so this is the same before and after the date's
 * models are written; it is usually empty, and it spares the link statements a join with every `model` row (that
 * join cost 0.3–0.45 s of the full listing's import).
 */
export const CREATE_STAGE_NEWER = `CREATE OR REPLACE TEMP TABLE stage_newer AS
SELECT key FROM model WHERE meta_date > $date::DATE`;

/** Not in {@link CREATE_STAGE_NEWER}: the staged model of alias `k`'s key takes this date's metadata. */
const metaFromDate = (k: string) => `NOT EXISTS (SELECT 1 FROM stage_newer x WHERE x.key = ${k})`;

/** Models whose metadata now comes from this date: their lineage is replaced by this date's links. */
export const DELETE_LINKS = `DELETE FROM model_link USING stage_model n
WHERE model_link.child_key = n.key AND n.snap_date = $date::DATE AND ${lineageKnown("n")} AND ${metaFromDate("n.key")}`;

/** Inserts the links of models whose metadata comes from this date. */
export const INSERT_LINKS = `INSERT INTO model_link
SELECT l.child_key, l.parent_key, l.parent_id, l.relation, l.origin
FROM stage_link l
WHERE l.snap_date = $date::DATE AND ${metaFromDate("l.child_key")}`;

/** Replaces the snapshot row, complete, with its counts. */
export const DELETE_SNAPSHOT = "DELETE FROM snapshot WHERE date = $date::DATE";

/** Inserts the snapshot row, complete, with counts computed from the staged rows. */
export const INSERT_SNAPSHOT = `INSERT INTO snapshot
  (date, source, status, started_at, finished_at, model_count, downloads, malformed, coverage, coverage_how)
SELECT $date::DATE, $source, 'complete', $started::TIMESTAMP, now()::TIMESTAMP, count(*), coalesce(sum(downloads), 0), $malformed,
  $coverage, $coverage_how
FROM stage_model WHERE snap_date = $date::DATE`;

/**
 * Re-upload links found by the rule (src/domain/reuploads.ts) for models whose metadata now comes from this date;
 * `stage_reupload` holds them (the rule runs before the transaction). Such a model had no lineage link in the
 * staged rows, so DELETE_LINKS already removed what an older date gave it.
 */
export const INSERT_REUPLOAD_LINKS = `INSERT INTO model_link
SELECT r.child_key, r.parent_key, r.parent_id, 'reupload', 'name rule'
FROM stage_reupload r
WHERE r.snap_date = $date::DATE AND ${metaFromDate("r.child_key")}`;

/** The committed snapshot's counts, returned to the caller. */
export const SNAPSHOT_COUNTS = `SELECT model_count AS models, downloads FROM snapshot WHERE date = $date::DATE`;
