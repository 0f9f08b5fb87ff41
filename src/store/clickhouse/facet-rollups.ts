/**
 * The facet roll-up of the ClickHouse store (migration 17, issue 15): per generation of the model dimension, date,
 * dimension (`task` = pipeline_tag, `library` = library_name) and value, the repos listed that day with that value
 * and the sum of their 30-day downloads — what model-facets answers (the task and library filters), read from a few
 * hundred rows instead of the date's statistics joined to the dimension (760,000 models a day on the full listing).
 * Models without a value (NULL or '') are not counted, as model-facets leaves them out.
 *
 * Visibility, as the organisations' roll-up (rollups.ts): a model's task and library are its latest metadata, so the
 * rows belong to a generation of the dimension (`load_id`, `PARTITION BY load_id`), read with CURRENT_DIM_LOAD; a load
 * writes its generation before its flip ({@link writeFacetRollups}), the next load's clean-up drops the generations no
 * reader sees (load-session.ts).
 *
 * Incremental per load: the previous generation's rows of the dates it does not write; the dates it writes, from its
 * staged rows; and the staged models whose task or library it changed (a newer date, or a re-load of the newest)
 * moved on every other visible date from the old value to the new (their statistics read by key) — so a load pays for
 * the dates it writes and the models it changes, never for every date's statistics.
 */
import type { ClickHouseConnection } from "./connection.js";
import { literal } from "./literal.js";
import { rebuildCurrent, VISIBLE_BY_DATE, VISIBLE_BY_KEY } from "./rollups.js";

/** The table (migration 17). */
export const CREATE_FACET_ROLLUP_TABLE = `CREATE TABLE IF NOT EXISTS rollup_facet_rows (load_id String, dim String,
  date Date, value String, repos Int64, downloads Int64) ENGINE = MergeTree PARTITION BY load_id ORDER BY (dim, date, value)`;

const INSERT = "INSERT INTO rollup_facet_rows (load_id, dim, date, value, repos, downloads)";

/** A dimension row's task and library ('' when none). */
const TASK = "ifNull(pipeline_tag, '')";
const LIBRARY = "ifNull(library_name, '')";

/**
 * Facet rows (dim, date, value, repos, downloads) of `rows` (SELECT of date, sign, t, l, dl: a repo listed that day
 * with task t and library l, counted `sign` times — 1, or -1 to take it back), grouped first by (date, t, l), then
 * once per dimension.
 */
function facetRows(rows: string): string {
  return `SELECT dim, date, value, toInt64(sum(r)) AS repos, toInt64(sum(d)) AS downloads FROM (
  SELECT date, t, l, sum(sign) AS r, sum(sign * ifNull(dl, 0)) AS d FROM (${rows}) GROUP BY date, t, l
) ARRAY JOIN ['task', 'library'] AS dim, [t, l] AS value
WHERE value != ''
GROUP BY dim, date, value`;
}

/** `stats` (SELECT of date, key, dl) joined to generation `gen`'s models that have a task or a library. */
function withFacets(stats: string, gen: string, where = "1"): string {
  return `SELECT date, toInt8(1) AS sign, t, l, dl FROM (${stats}) ALL INNER JOIN (
  SELECT key, ${TASK} AS t, ${LIBRARY} AS l FROM model_dim_rows
  WHERE load_id = ${gen} AND (${TASK} != '' OR ${LIBRARY} != '') AND ${where}
) USING key`;
}

/**
 * The statements rebuilding generation `g`'s facet roll-up (SQL: a literal or a scalar subquery) over every visible
 * date: migration 17 and `rebuildRollups` (the stores bench after it synthesises dates). Between the truncation and
 * the insert a reader sees no rows: run it on a store nobody reads.
 */
export function rebuildFacetStatements(g: string): string[] {
  return [
    "TRUNCATE TABLE rollup_facet_rows",
    `${INSERT}
SELECT ${g}, dim, date, value, repos, downloads FROM (${facetRows(
      withFacets(`SELECT date, key, downloads AS dl FROM ${VISIBLE_BY_DATE}`, g),
    )})`,
  ];
}

/** Rebuilds the current generation's facet roll-up (see {@link rebuildFacetStatements}). */
export async function rebuildFacetRollups(conn: ClickHouseConnection): Promise<void> {
  await rebuildCurrent(conn, rebuildFacetStatements);
}

/**
 * A load's facet roll-up, before its flip and after its generation of the dimension is written: generation `loadId`
 * from generation `prev` (the current one, '' before the first load) and the load's de-duplicated rows (`dedupTable`,
 * with `snap_date`). See the module's comment. `groups`: the load's sums of its staged rows per (date, …, task `t`,
 * library `l`) with `repos` and `downloads` (rollups.ts, `writeLoadRollups`), which give the staged dates' rows without
 * joining the staged rows to the dimension again; `candidates` (when `prev` is not ''): its table of the models of
 * this generation whose values (task and library among them) the previous one lacks.
 */
export async function writeFacetRollups(
  conn: ClickHouseConnection,
  loadId: string,
  prev: string,
  dedupTable: string,
  groups: string,
  candidates: string,
): Promise<void> {
  const L = literal(loadId);
  const P = literal(prev);
  // a re-run of this load's step (none today) would count its rows twice: start from an empty generation
  await conn.command(`ALTER TABLE rollup_facet_rows DROP PARTITION ${L}`);
  const staged = `(SELECT DISTINCT snap_date FROM ${dedupTable})`;
  const parts = [
    `SELECT dim, date, value, toInt64(sum(repos)) AS repos, toInt64(sum(downloads)) AS downloads FROM ${groups}
ARRAY JOIN ['task', 'library'] AS dim, [t, l] AS value
WHERE value != ''
GROUP BY dim, date, value`,
  ];
  const changed = `stage_${loadId}_facets`;
  try {
    if (prev !== "") {
      parts.push(
        `SELECT dim, date, value, repos, downloads FROM rollup_facet_rows WHERE load_id = ${P} AND date NOT IN ${staged}`,
      );
      // the candidates (the models of this generation whose values the previous one lacks: those whose task or
      // library this load changed among them, and models new to the store) compared here with their previous row;
      // those whose task or library changed are taken back (-1) from the old values and counted (+1) under the new
      // ones on every date not written here (a model new to the store has no previous row and no such date)
      await conn.command(`CREATE TABLE ${changed} (key String, sign Int8, t String, l String) ENGINE = Memory`);
      const side = (gen: string) =>
        `SELECT key, ${TASK} AS t, ${LIBRARY} AS l FROM model_dim_rows WHERE load_id = ${gen} AND key IN ${candidates}`;
      await conn.command(`INSERT INTO ${changed} SELECT key, sign, t, l FROM (
  SELECT key, old_t, old_l, new_t, new_l FROM (SELECT key, t AS new_t, l AS new_l FROM (${side(L)}))
  ALL INNER JOIN (SELECT key, t AS old_t, l AS old_l FROM (${side(P)})) USING key
  WHERE old_t != new_t OR old_l != new_l
) ARRAY JOIN [toInt8(-1), toInt8(1)] AS sign, [old_t, new_t] AS t, [old_l, new_l] AS l`);
      const [n] = await conn.rows<{ n: number }>(`SELECT count() AS n FROM ${changed}`);
      if (Number(n?.n ?? 0) > 0)
        parts.push(
          facetRows(`SELECT date, sign, t, l, dl FROM (
  SELECT date, key, downloads AS dl FROM ${VISIBLE_BY_KEY} AND key GLOBAL IN (SELECT key FROM ${changed})
    AND date GLOBAL NOT IN ${staged}
) ALL INNER JOIN (SELECT key, sign, t, l FROM ${changed}) USING key`),
        );
    }
    await conn.command(`${INSERT}
SELECT ${L}, dim, date, value, r, d FROM (
  SELECT dim, date, value, sum(repos) AS r, sum(downloads) AS d FROM (${parts.join("\nUNION ALL\n")})
  GROUP BY dim, date, value
) WHERE r != 0`);
  } finally {
    await conn.command(`DROP TABLE IF EXISTS ${changed}`);
  }
}
