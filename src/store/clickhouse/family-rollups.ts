/**
 * The per-date aggregates of the stored family walks on ClickHouse (migration 13, issue 15): for every walk stored
 * in a generation (stored-walks.ts: the registry's families, default relations and depth) and every complete
 * snapshot date, what family-series and family-totals sum over the walk's members listed that day — split into the
 * official repos (depth 0) and the derivatives, so every scope is a sum of at most two rows. The measured cost of those
 * queries was not the walk but the statistics: Llama 2's 3,324 members fall in almost every granule of the
 * key-ordered statistics (a 30-day series read 19 of 22.8 M rows), and a literal set of that many keys exceeds 18.16's
 * query size. Read through `clickhouse-stored.sql`, they read a few hundred rows.
 *
 * Per (official, date, off): `repos` (members listed), the sums of their 30-day downloads, likes and all-time
 * downloads with the count of members giving each (`*_n`: a sum over no value is NULL in the answer), `new_n` (listed
 * first that day: `first_seen` = date), `old_n` (first seen before), `gap_n` (first seen before and not listed at the
 * previous complete snapshot), `dec_n` (the all-time counter dropped since the previous snapshot), `delta_n` /
 * `delta` (members listed at both with a counter that did not drop, and the sum of its increase). The previous
 * snapshot is the store's previous complete one: a series whose range starts at a date counts no gap, drop or increase
 * on it (its first snapshot has no previous one in the range), and a series whose buckets skip a whole bucket counts
 * every member first seen before as a gap (`old_n`), as the walking text does.
 *
 * Visibility. The rows belong to a generation of the model dimension (`load_id`, `PARTITION BY load_id`, as the
 * stored walks): a load of any date changes the membership (new links, models) and `first_seen`, hence every date's
 * aggregates, so a load writes all dates of its generation before its flip ({@link writeFamilyRollups}), from the
 * statistics visible after the flip (the visible rows of the other dates and its own staged rows); readers take the
 * generation `model` shows (CURRENT_DIM_LOAD). The next load's clean-up drops the generations no reader sees, with the
 * stored walks' (STORED_WALK_TABLES). A store without the rows of a stored walk never reads them: a generation has
 * them for every stored walk or has no stored walks (migration 13 and the bench's rebuild write them whole).
 */
import { STORED_WALK_DEPTH } from "../stored-walks.js";
import type { ClickHouseConnection } from "./connection.js";
import { literal } from "./literal.js";
import { CURRENT_DIM_LOAD } from "./migrations.js";

/** The table (migration 13). */
export const CREATE_FAMILY_ROLLUP_TABLE = `CREATE TABLE IF NOT EXISTS rollup_family_rows (load_id String, official String,
  date Date, off UInt8, repos Int64, dl_n Int64, dl Int64, lk_n Int64, lk Int64, at_n Int64, at Int64, new_n Int64,
  old_n Int64, gap_n Int64, dec_n Int64, delta_n Int64, delta Int64)
ENGINE = MergeTree PARTITION BY load_id ORDER BY (official, date, off)`;

/** The visible statistics ordered by model (both orderings carry the same rows). */
const VISIBLE_BY_KEY = "model_stats_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)";

/**
 * The aggregate rows of generation `gen` (a SQL literal) over the complete snapshot dates `dates` (SELECT of `date`)
 * and the statistics `stats` (SELECT of key, date, dl, at, lk: the visible rows of those dates, members' or more):
 * each member's rows in date order give its listing and counter at the previous snapshot, then members of every
 * stored walk are summed per walk, date and official flag.
 */
function aggregateRows(gen: string, dates: string, stats: string): string {
  return `SELECT official, sd AS date, off, toInt64(count()) AS repos, toInt64(count(m_dl)) AS dl_n,
  toInt64(sum(ifNull(m_dl, 0))) AS dl, toInt64(count(m_lk)) AS lk_n, toInt64(sum(ifNull(m_lk, 0))) AS lk,
  toInt64(count(m_at)) AS at_n, toInt64(sum(ifNull(m_at, 0))) AS at, toInt64(countIf(first_seen = sd)) AS new_n,
  toInt64(countIf(first_seen < sd)) AS old_n, toInt64(countIf(first_seen < sd AND NOT listed)) AS gap_n,
  toInt64(countIf(ifNull(m_at < q_at, 0))) AS dec_n, toInt64(countIf(ifNull(m_at >= q_at, 0))) AS delta_n,
  toInt64(sum(if(ifNull(m_at >= q_at, 0), assumeNotNull(m_at) - assumeNotNull(q_at), 0))) AS delta
FROM (
  SELECT key, sd, nullIf(dl1, -1) AS m_dl, nullIf(at1, -1) AS m_at, nullIf(lk1, -1) AS m_lk,
    psn > 0 AND psn + 1 = sn1 AS listed, if(psn > 0 AND psn + 1 = sn1, nullIf(pat, -1), NULL) AS q_at
  FROM (
    SELECT key, arraySort(groupArray(sn)) AS sns, arraySort((x, s) -> s, groupArray(date), groupArray(sn)) AS sds,
      arraySort((x, s) -> s, groupArray(dl0), groupArray(sn)) AS dls,
      arraySort((x, s) -> s, groupArray(at0), groupArray(sn)) AS ats,
      arraySort((x, s) -> s, groupArray(lk0), groupArray(sn)) AS lks
    FROM (
      SELECT key, date, ifNull(s_dl, -1) AS dl0, ifNull(s_at, -1) AS at0, ifNull(s_lk, -1) AS lk0 FROM (${stats})
    ) ALL INNER JOIN (
      SELECT d AS date, toUInt64(i) AS sn FROM (SELECT arraySort(groupArray(date)) AS ds FROM (${dates}))
      ARRAY JOIN ds AS d, arrayEnumerate(ds) AS i
    ) USING date
    GROUP BY key
  )
  ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl1, ats AS at1, lks AS lk1,
    arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn, arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
) ALL INNER JOIN (
  SELECT key, official, off, first_seen FROM (
    SELECT key, official, toUInt8(depth = 0) AS off FROM stored_member_rows WHERE load_id = ${gen}
      AND relations = '' AND max_depth = ${STORED_WALK_DEPTH}
  ) ALL INNER JOIN (SELECT key, first_seen FROM model_dim_rows WHERE load_id = ${gen}
    AND key IN ${memberKeys(gen)}) USING key
) USING key
GROUP BY official, sd, off`;
}

/** The member keys of generation `gen`'s stored walks (for a statistics filter). */
function memberKeys(gen: string): string {
  return `(SELECT key FROM stored_member_rows WHERE load_id = ${gen})`;
}

const INSERT = `INSERT INTO rollup_family_rows (load_id, official, date, off, repos, dl_n, dl, lk_n, lk, at_n, at, new_n,
  old_n, gap_n, dec_n, delta_n, delta)`;
const COLUMNS = "official, date, off, repos, dl_n, dl, lk_n, lk, at_n, at, new_n, old_n, gap_n, dec_n, delta_n, delta";

/**
 * The statements rebuilding generation `g`'s aggregates (SQL: a literal or a scalar subquery) over every visible
 * date, from its stored walks: migration 13 and the stores bench after it synthesises dates. Between the drop and the
 * insert a reader of the generation sees no rows: run it on a store nobody reads.
 */
export function rebuildFamilyStatements(g: string): string[] {
  return [
    "TRUNCATE TABLE rollup_family_rows",
    `${INSERT}
SELECT ${g}, ${COLUMNS} FROM (${aggregateRows(
      g,
      "SELECT date FROM snapshot",
      `SELECT key, date, downloads AS s_dl, downloads_all_time AS s_at, likes AS s_lk FROM ${VISIBLE_BY_KEY}
  AND key GLOBAL IN ${memberKeys(g)}`,
    )})`,
  ];
}

/** Rebuilds the current generation's aggregates (see {@link rebuildFamilyStatements}). */
export async function rebuildFamilyRollups(conn: ClickHouseConnection): Promise<void> {
  const [cur] = await conn.rows<{ l: string }>(`SELECT ${CURRENT_DIM_LOAD} AS l`);
  for (const sql of rebuildFamilyStatements(literal(cur?.l ?? ""))) await conn.command(sql);
}

/**
 * A load's aggregates, before its flip and after its stored walks (writeFamilyWalks): generation `loadId` over the
 * dates visible after the flip — the complete snapshots and the staged dates (`dedupTable`, with `snap_date`) —, each
 * staged date's statistics from the staged rows, the others' from the visible rows. `prev` (the generation the load
 * builds on) is not read: every date's aggregates change with the membership.
 */
export async function writeFamilyRollups(
  conn: ClickHouseConnection,
  loadId: string,
  _prev: string,
  dedupTable: string,
): Promise<void> {
  const L = literal(loadId);
  await conn.command(`ALTER TABLE rollup_family_rows DROP PARTITION ${L}`);
  const staged = `(SELECT DISTINCT snap_date FROM ${dedupTable})`;
  const dates = `SELECT date FROM snapshot WHERE date NOT IN ${staged} UNION ALL SELECT DISTINCT snap_date AS date FROM ${dedupTable}`;
  const stats = `SELECT key, date, downloads AS s_dl, downloads_all_time AS s_at, likes AS s_lk FROM ${VISIBLE_BY_KEY}
  AND date GLOBAL NOT IN ${staged} AND key GLOBAL IN ${memberKeys(L)}
UNION ALL
SELECT key, snap_date AS date, downloads AS s_dl, downloads_all_time AS s_at, likes AS s_lk FROM ${dedupTable}
  WHERE key IN ${memberKeys(L)}`;
  await conn.command(`${INSERT}
SELECT ${L}, ${COLUMNS} FROM (${aggregateRows(L, dates, stats)})`);
}
