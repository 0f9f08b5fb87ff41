/**
 * The per-snapshot roll-ups of migration 008 (issue 15): what openness-by-class, concentration, top-org-shares and
 * top-model-shares read instead of walking every model of a snapshot.
 *
 * - `rollup_licence` (date, lic, gcat): repos and downloads (NULL counted as 0) per licence group — the stored tag
 *   (`lower(model.license)`, NULL when none), or since migration 011 for a repo tagged other/unknown or untagged
 *   whose model card names its licence, `name:` + that name — and gating category (`gated` = auto | manual,
 *   `unknown` = NULL, `open` otherwise). Classes are applied when read (`licence_class` joins the few roll-up rows), so
 *   a refreshed licence map needs no rebuild; card licences stored later move their repos between groups
 *   (`saveCardLicences`, in its transaction).
 * - `rollup_org` (date, org): repos with a 30-day count, their downloads, and the organisation's spelling
 *   (`min(author)`), per lower-cased author.
 * - `rollup_top` (date, mid, downloads): the models with the 10,000 largest 30-day counts (ties at the 10,000th
 *   included, so any k up to 10,000, the catalog's limit, ranks exactly); metadata plays no part in it.
 *
 * Licence, gating and author are the LATEST metadata of each model, which a load may change for every date: the
 * load rebuilds the roll-ups of the dates it writes, and for the models whose licence, gating or author it changed
 * it moves their counts on every other date (licences: subtract from the old group, add to the new; organisations:
 * the affected organisations recomputed, since their spelling is a minimum). All inside the load's transaction.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { TOP_K_MAX } from "../../queries/params/concentration.js";

/** The gating category of model `m`. */
const GCAT = "CASE WHEN m.gated IN ('auto', 'manual') THEN 'gated' WHEN m.gated IS NULL THEN 'unknown' ELSE 'open' END";

/**
 * The licence group of model `m` with its card licence `cl` (LEFT JOIN model_card_licence cl ON cl.key = m.key): the
 * lower-cased tag, or for a repo tagged other/unknown or untagged whose model card names its licence, `name:` + that
 * name lower-cased — the key `licence_class` maps, so the class is applied when read.
 */
const LIC = `CASE WHEN (m.license IS NULL OR lower(m.license) IN ('other', 'unknown')) AND cl.license_name IS NOT NULL
  THEN 'name:' || lower(cl.license_name) ELSE lower(m.license) END`;
/** The join that gives {@link LIC} its card licence. */
const CARD = "LEFT JOIN model_card_licence cl ON cl.key = m.key";

/** The 30-day counts at or above the k-th largest of a date are kept, for the largest k the catalog takes. */
export const ROLLUP_TOP_N = TOP_K_MAX;

/** Creates the tables (migration 008). */
export const CREATE_ROLLUPS = `
CREATE TABLE rollup_licence (date DATE NOT NULL, lic VARCHAR, gcat VARCHAR NOT NULL, repos BIGINT NOT NULL,
  downloads BIGINT NOT NULL);
CREATE TABLE rollup_org (date DATE NOT NULL, org VARCHAR NOT NULL, author VARCHAR NOT NULL, repos BIGINT NOT NULL,
  downloads BIGINT NOT NULL);
CREATE TABLE rollup_top (date DATE NOT NULL, mid INTEGER NOT NULL, downloads BIGINT NOT NULL);`;

/** The roll-up statements of the dates `where` selects (a condition on `s.date`). */
function build(where: string): string[] {
  return [
    `INSERT INTO rollup_licence
SELECT s.date, ${LIC}, ${GCAT}, count(*), coalesce(sum(s.downloads), 0)
FROM model_stats s JOIN model m ON m.mid = s.mid ${CARD} WHERE ${where} GROUP BY ALL`,
    `INSERT INTO rollup_org
SELECT s.date, lower(m.author), min(m.author), count(*), sum(s.downloads)
FROM model_stats s JOIN model m ON m.mid = s.mid WHERE ${where} AND s.downloads IS NOT NULL
GROUP BY s.date, lower(m.author)`,
    // rank() <= N (ties included) is `downloads` at or above the N-th largest count of the date (the last of its N
    // largest, or its smallest when it has fewer): a top-N per date instead of a window sorting every row (the full
    // listing's date on a quiet machine: 6–11 ms against 40–80 ms, the same 10,005 rows)
    `INSERT INTO rollup_top
SELECT s.date, s.mid, s.downloads FROM model_stats s
JOIN (SELECT date, list_last(max(downloads, ${ROLLUP_TOP_N})) AS floor FROM model_stats s
  WHERE ${where} AND downloads IS NOT NULL GROUP BY date) f ON f.date = s.date
WHERE ${where} AND s.downloads >= f.floor`,
  ];
}

/** The licence roll-up of every stored date, from scratch (migration 011). */
export const REBUILD_LICENCE_ROLLUP: readonly string[] = ["DELETE FROM rollup_licence", build("true")[0] as string];

/** Every roll-up of every stored date, from scratch (migration 008; the bench after it synthesises dates). */
export const REBUILD_ALL_ROLLUPS: readonly string[] = [
  "DELETE FROM rollup_licence",
  "DELETE FROM rollup_org",
  "DELETE FROM rollup_top",
  ...build("true"),
];

/** The roll-ups of date `$date`, replaced (the load, after writing the date's statistics). */
export const REBUILD_DATE_ROLLUPS: readonly string[] = [
  "DELETE FROM rollup_licence WHERE date = $date::DATE",
  "DELETE FROM rollup_org WHERE date = $date::DATE",
  "DELETE FROM rollup_top WHERE date = $date::DATE",
  ...build("s.date = $date::DATE"),
];

/** Before the models take this date's metadata: what the roll-ups know of those models (licence, gating, author). */
export const ROLLUP_BEFORE = `CREATE OR REPLACE TEMP TABLE rollup_before AS
SELECT m.mid, ${LIC} AS lic, ${GCAT} AS gcat, m.author
FROM model m JOIN stage_model n ON n.key = m.key ${CARD}
WHERE n.snap_date = $date::DATE AND m.meta_date <= n.snap_date`;

/** How many models {@link ROLLUP_BEFORE} holds: none, and no other date's roll-ups move. */
export const COUNT_BEFORE = "SELECT count(*) AS n FROM rollup_before";

/** After: the models whose licence, gating or author changed, old and new; returns how many. */
export const ROLLUP_CHANGED = `CREATE OR REPLACE TEMP TABLE rollup_changed AS
SELECT b.mid, b.lic AS old_lic, b.gcat AS old_gcat, b.author AS old_author, ${LIC} AS new_lic,
  ${GCAT} AS new_gcat, m.author AS new_author
FROM rollup_before b JOIN model m ON m.mid = b.mid ${CARD}
WHERE b.lic IS DISTINCT FROM ${LIC} OR b.gcat <> ${GCAT} OR b.author <> m.author`;

/**
 * Before card licences are stored (`$keys`: a JSON array of their model keys): what the roll-ups know of those
 * models; then {@link ROLLUP_CHANGED} and, with `$date` NULL, {@link MOVE_LICENCES} on every date.
 */
export const CARD_ROLLUP_BEFORE = `CREATE OR REPLACE TEMP TABLE rollup_before AS
SELECT m.mid, ${LIC} AS lic, ${GCAT} AS gcat, m.author
FROM model m ${CARD}
WHERE m.key IN (SELECT unnest(from_json($keys::JSON, '["VARCHAR"]')))`;

export const COUNT_CHANGED = `SELECT count(*) FILTER (WHERE old_lic IS DISTINCT FROM new_lic OR old_gcat <> new_gcat) AS lic,
  count(*) FILTER (WHERE old_author <> new_author) AS org FROM rollup_changed`;

/**
 * The changed models' counts on every other date than `$date` (every date when NULL), moved from their old licence
 * group to the new.
 */
export const MOVE_LICENCES: readonly string[] = [
  `CREATE OR REPLACE TEMP TABLE rollup_delta AS
SELECT s.date, x.lic, x.gcat, sum(x.sign)::BIGINT AS repos, sum(x.sign * coalesce(s.downloads, 0))::BIGINT AS downloads
FROM model_stats s JOIN (
  SELECT mid, old_lic AS lic, old_gcat AS gcat, -1 AS sign FROM rollup_changed
  WHERE old_lic IS DISTINCT FROM new_lic OR old_gcat <> new_gcat
  UNION ALL
  SELECT mid, new_lic, new_gcat, 1 FROM rollup_changed WHERE old_lic IS DISTINCT FROM new_lic OR old_gcat <> new_gcat
) x ON x.mid = s.mid
WHERE s.date IS DISTINCT FROM $date::DATE
GROUP BY s.date, x.lic, x.gcat`,
  `CREATE OR REPLACE TEMP TABLE rollup_merged AS
SELECT date, lic, gcat, sum(repos)::BIGINT AS repos, sum(downloads)::BIGINT AS downloads FROM (
  SELECT r.date, r.lic, r.gcat, r.repos, r.downloads FROM rollup_licence r
  WHERE EXISTS (SELECT 1 FROM rollup_delta k WHERE k.date = r.date AND k.lic IS NOT DISTINCT FROM r.lic AND k.gcat = r.gcat)
  UNION ALL
  SELECT date, lic, gcat, repos, downloads FROM rollup_delta
) GROUP BY date, lic, gcat`,
  `DELETE FROM rollup_licence r
WHERE EXISTS (SELECT 1 FROM rollup_delta k WHERE k.date = r.date AND k.lic IS NOT DISTINCT FROM r.lic AND k.gcat = r.gcat)`,
  "INSERT INTO rollup_licence SELECT date, lic, gcat, repos, downloads FROM rollup_merged WHERE repos <> 0",
];

/** The organisations a changed author leaves or joins, recomputed on every other date. */
export const MOVE_ORGS: readonly string[] = [
  `CREATE OR REPLACE TEMP TABLE rollup_orgs AS
SELECT lower(old_author) AS org FROM rollup_changed WHERE old_author <> new_author
UNION SELECT lower(new_author) FROM rollup_changed WHERE old_author <> new_author`,
  "DELETE FROM rollup_org WHERE date <> $date::DATE AND org IN (SELECT org FROM rollup_orgs)",
  `INSERT INTO rollup_org
SELECT s.date, lower(m.author), min(m.author), count(*), sum(s.downloads)
FROM model_stats s JOIN model m ON m.mid = s.mid
WHERE s.date <> $date::DATE AND s.downloads IS NOT NULL AND lower(m.author) IN (SELECT org FROM rollup_orgs)
GROUP BY s.date, lower(m.author)`,
];

/** The temporary tables of a load's roll-up step. */
export const ROLLUP_TEMP_TABLES = ["rollup_before", "rollup_changed", "rollup_delta", "rollup_merged", "rollup_orgs"];

/** Runs one roll-up statement, binding `$date` (null: every date) when the statement names it. */
export async function runRollup(conn: DuckDBConnection, sql: string, date: string | null): Promise<void> {
  await (sql.includes("$date") ? conn.run(sql, { date }) : conn.run(sql));
}
