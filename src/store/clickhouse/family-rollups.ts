/**
 * The per-date aggregates of the stored family walks on ClickHouse (migration 13, issue 15): for every walk stored
 * in a generation (stored-walks.ts: the registry's families, default relations and depth) and every complete
 * snapshot date, what family-series, family-totals, families-ranking and family-breakdown sum over the walk's members
 * listed that day — split into the official repos (depth 0) and the derivatives by relation and depth, so every scope
 * is a sum of a few rows. The measured cost of those
 * queries was not the walk but the statistics: Llama 2's 3,324 members fall in almost every granule of the
 * key-ordered statistics (a 30-day series read 19 of 22.8 M rows), and a literal set of that many keys exceeds 18.16's
 * query size. Read through `clickhouse-stored.sql`, they read a few hundred rows.
 *
 * Per (official, date, off, relation, depth) — the relation and depth the walk reached each member by ('official', 0
 * for the official repos; migration 15: a member whose relation or depth changes moves on every date, as a member
 * that joins or leaves) —: `repos` (members listed), the sums of their 30-day downloads, likes and all-time downloads
 * with the count of members giving each (`*_n`: a sum over no value is NULL in the answer), `new_n` (listed
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
import { dateArray, dateSet, loadDateChain, rebuildCurrent, VISIBLE_BY_DATE, VISIBLE_BY_KEY } from "./rollups.js";

/** The table (migration 13; `relation` and `depth` added by migration 15 to a table from before). */
export const CREATE_FAMILY_ROLLUP_TABLE = `CREATE TABLE IF NOT EXISTS rollup_family_rows (load_id String, official String,
  date Date, off UInt8, repos Int64, dl_n Int64, dl Int64, lk_n Int64, lk Int64, at_n Int64, at Int64, new_n Int64,
  old_n Int64, gap_n Int64, dec_n Int64, delta_n Int64, delta Int64, relation String, depth UInt32)
ENGINE = MergeTree PARTITION BY load_id ORDER BY (official, date, off)`;

/**
 * The members of generation `gen`'s stored walks: key, official (the walk), off (official repo), first_seen, and the
 * relation and depth the walk reached it by.
 */
function members(gen: string): string {
  return `SELECT key, official, off, first_seen, relation, depth FROM (
  SELECT key, official, toUInt8(depth = 0) AS off, relation, depth FROM stored_member_rows WHERE load_id = ${gen}
    AND relations = '' AND max_depth = ${STORED_WALK_DEPTH}
) ALL INNER JOIN (SELECT key, first_seen FROM model_dim_rows WHERE load_id = ${gen}
  AND key IN (SELECT key FROM stored_member_rows WHERE load_id = ${gen})) USING key`;
}

/**
 * The aggregate rows (official, date, off, relation, depth and the sums) of the signed members `signed` (SELECT of key,
 * official, off, first_seen, relation, depth, sign: +1 counts a member, -1 takes it back) on the dates `out` selects (a condition on `sd`), over the
 * complete snapshot dates `dates` (a sorted Array(Date): each date's previous snapshot is the one before it; a load
 * gives them as a constant array, which 18.16 folds once, where a join on a dates block or a scalar subquery is
 * analysed again at every level above it) and the
 * statistics `stats` (SELECT of key, date, s_dl, s_at, s_lk: the rows of the members on the dates counted and the
 * snapshots before them): each member's rows in date order give its listing and counter at the previous snapshot.
 */
function aggregateRows(signed: string, dates: string, stats: string, out = "1"): string {
  return `SELECT official, sd AS date, off, relation, depth, toInt64(sum(sign)) AS repos, toInt64(sum(if(isNull(m_dl), 0, sign))) AS dl_n,
  toInt64(sum(sign * ifNull(m_dl, 0))) AS dl, toInt64(sum(if(isNull(m_lk), 0, sign))) AS lk_n,
  toInt64(sum(sign * ifNull(m_lk, 0))) AS lk, toInt64(sum(if(isNull(m_at), 0, sign))) AS at_n,
  toInt64(sum(sign * ifNull(m_at, 0))) AS at, toInt64(sumIf(sign, first_seen = sd)) AS new_n,
  toInt64(sumIf(sign, first_seen < sd)) AS old_n, toInt64(sumIf(sign, first_seen < sd AND NOT listed)) AS gap_n,
  toInt64(sumIf(sign, ifNull(m_at < q_at, 0))) AS dec_n, toInt64(sumIf(sign, ifNull(m_at >= q_at, 0))) AS delta_n,
  toInt64(sum(if(ifNull(m_at >= q_at, 0), sign * (assumeNotNull(m_at) - assumeNotNull(q_at)), 0))) AS delta
FROM (
  SELECT key, sd, nullIf(dl1, -1) AS m_dl, nullIf(at1, -1) AS m_at, nullIf(lk1, -1) AS m_lk,
    psn > 0 AND psn + 1 = sn1 AS listed, if(psn > 0 AND psn + 1 = sn1, nullIf(pat, -1), NULL) AS q_at
  FROM (
    SELECT key, arraySort(groupArray(sn)) AS sns, arraySort((x, s) -> s, groupArray(date), groupArray(sn)) AS sds,
      arraySort((x, s) -> s, groupArray(dl0), groupArray(sn)) AS dls,
      arraySort((x, s) -> s, groupArray(at0), groupArray(sn)) AS ats,
      arraySort((x, s) -> s, groupArray(lk0), groupArray(sn)) AS lks
    FROM (
      SELECT key, date, ifNull(s_dl, -1) AS dl0, ifNull(s_at, -1) AS at0, ifNull(s_lk, -1) AS lk0,
        indexOf(${dates}, date) AS sn
      FROM (${stats})
    )
    WHERE sn > 0
    GROUP BY key
  )
  ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl1, ats AS at1, lks AS lk1,
    arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn, arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
  WHERE ${out}
) ALL INNER JOIN (${signed}) USING key
GROUP BY official, sd, off, relation, depth`;
}

/** The member keys of generation `gen`'s stored walks (for a statistics filter). */
function memberKeys(gen: string): string {
  return `(SELECT key FROM stored_member_rows WHERE load_id = ${gen})`;
}

const INSERT = `INSERT INTO rollup_family_rows (load_id, official, date, off, relation, depth, repos, dl_n, dl, lk_n, lk,
  at_n, at, new_n, old_n, gap_n, dec_n, delta_n, delta)`;
const COLUMNS = `official, date, off, relation, depth, repos, dl_n, dl, lk_n, lk, at_n, at, new_n, old_n, gap_n, dec_n,
  delta_n, delta`;
const SUMS = `sum(repos) AS s1, sum(dl_n) AS s2, sum(dl) AS s3, sum(lk_n) AS s4, sum(lk) AS s5, sum(at_n) AS s6,
  sum(at) AS s7, sum(new_n) AS s8, sum(old_n) AS s9, sum(gap_n) AS s10, sum(dec_n) AS s11, sum(delta_n) AS s12,
  sum(delta) AS s13`;

/** The statistics columns an aggregate reads, from the visible rows. */
const STATS = "key, date, downloads AS s_dl, downloads_all_time AS s_at, likes AS s_lk";

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
      `SELECT key, official, off, first_seen, relation, depth, toInt8(1) AS sign FROM (${members(g)})`,
      "(SELECT arraySort(groupArray(date)) FROM snapshot)",
      `SELECT ${STATS} FROM ${VISIBLE_BY_KEY} AND key GLOBAL IN ${memberKeys(g)}`,
    )})`,
  ];
}

/** Rebuilds the current generation's aggregates (see {@link rebuildFamilyStatements}). */
export async function rebuildFamilyRollups(conn: ClickHouseConnection): Promise<void> {
  await rebuildCurrent(conn, rebuildFamilyStatements);
}

/**
 * A load's aggregates, before its flip and after its stored walks (writeFamilyWalks): generation `loadId` over the
 * dates visible after the flip — the complete snapshots and the staged dates S (`dedupTable`, with `snap_date`) —,
 * staged dates' statistics from the staged rows, the others' from the visible rows.
 *
 * Incremental from generation `prev` (the one the load builds on) when it has stored walks: a date's aggregates
 * change only if its statistics or its previous snapshot's did — the dates R = S and each one's successor, recomputed
 * over every member — or for the members that changed: a (walk, key, official flag, first seen) of `prev` that
 * `loadId` does not have is taken back (-1) on every other date, one that `loadId` adds is counted (+1), from their own
 * statistics (read by key). So a load pays for the dates it writes and the members it moves, not for every member's
 * history (measured: the full write is seconds at 30 days and grows with the days). Otherwise (a store's first
 * load, a generation from before migration 10) it writes every date from scratch.
 */
export async function writeFamilyRollups(
  conn: ClickHouseConnection,
  loadId: string,
  prev: string,
  dedupTable: string,
): Promise<void> {
  const L = literal(loadId);
  const P = literal(prev);
  await conn.command(`ALTER TABLE rollup_family_rows DROP PARTITION ${L}`);
  const { staged, chain } = await loadDateChain(conn, dedupTable);
  if (staged.length === 0) return;
  const S = `(SELECT DISTINCT snap_date FROM ${dedupTable})`;
  // the dates visible after the flip (the snapshots and the staged dates), sorted
  const dates = dateArray(chain);
  const stagedStats = `SELECT key, snap_date AS date, downloads AS s_dl, downloads_all_time AS s_at, likes AS s_lk
FROM ${dedupTable} WHERE key IN ${memberKeys(L)}`;
  const [walks] =
    prev === ""
      ? [{ n: 0 }]
      : await conn.rows<{ n: number }>(`SELECT count() AS n FROM stored_walk_rows WHERE load_id = ${P}`);
  if (Number(walks?.n ?? 0) === 0) {
    const stats = `SELECT ${STATS} FROM ${VISIBLE_BY_KEY} AND date GLOBAL NOT IN ${S} AND key GLOBAL IN ${memberKeys(L)}
UNION ALL
${stagedStats}`;
    await conn.command(`${INSERT}
SELECT ${L}, ${COLUMNS} FROM (${aggregateRows(
      `SELECT key, official, off, first_seen, relation, depth, toInt8(1) AS sign FROM (${members(L)})`,
      dates,
      stats,
    )})`);
    return;
  }
  // the dates recomputed whole: the staged ones and each one's successor; and the snapshots before them, which they read
  const whole = new Set<string>();
  const read = new Set<string>();
  chain.forEach((d, i) => {
    if (!staged.includes(d)) return;
    for (const j of [i, i + 1]) {
      const w = chain[j];
      if (w === undefined) continue;
      whole.add(w);
      read.add(w);
      const before = chain[j - 1];
      if (before !== undefined) read.add(before);
    }
  });
  const R = dateSet([...whole]);
  const readVisible = [...read].filter((d) => !staged.includes(d));
  // both generations' members read once (from the dimension and the walks), then compared in memory
  const both = `stage_${loadId}_fammem`;
  const changed = `stage_${loadId}_famchg`;
  const cols = "key String, official String, off UInt8, first_seen Date, relation String, depth UInt32";
  await conn.command(`CREATE TABLE ${both} (g UInt8, ${cols}) ENGINE = Memory`);
  await conn.command(`CREATE TABLE ${changed} (${cols}, sign Int8) ENGINE = Memory`);
  try {
    for (const [g, gen] of [
      [0, P],
      [1, L],
    ] as const)
      await conn.command(
        `INSERT INTO ${both} SELECT ${g}, key, official, off, first_seen, relation, depth FROM (${members(gen)})`,
      );
    const tuple = "(official, key, off, first_seen, relation, depth)";
    const side = (g: number) => `(SELECT ${tuple.slice(1, -1)} FROM ${both} WHERE g = ${g})`;
    const member = "key, official, off, first_seen, relation, depth";
    await conn.command(`INSERT INTO ${changed}
SELECT ${member}, toInt8(-1) FROM ${both} WHERE g = 0 AND ${tuple} NOT IN ${side(1)}
UNION ALL
SELECT ${member}, toInt8(1) FROM ${both} WHERE g = 1 AND ${tuple} NOT IN ${side(0)}`);
    const keysL = `(SELECT key FROM ${both} WHERE g = 1)`;
    const stagedL = `SELECT key, snap_date AS date, downloads AS s_dl, downloads_all_time AS s_at, likes AS s_lk
FROM ${dedupTable} WHERE key IN ${keysL}`;
    const parts = [
      `SELECT ${COLUMNS} FROM rollup_family_rows WHERE load_id = ${P} AND date NOT IN ${R}`,
      aggregateRows(
        `SELECT ${member}, sign FROM ${changed}`,
        dates,
        `SELECT ${STATS} FROM ${VISIBLE_BY_KEY} AND key GLOBAL IN (SELECT key FROM ${changed}) AND date GLOBAL NOT IN ${S}`,
        `sd NOT IN ${R}`,
      ),
      aggregateRows(
        `SELECT ${member}, toInt8(1) AS sign FROM ${both} WHERE g = 1`,
        dates,
        readVisible.length === 0
          ? stagedL
          : `SELECT ${STATS} FROM ${VISIBLE_BY_DATE} AND date IN ${dateSet(readVisible)} AND key GLOBAL IN ${keysL}
UNION ALL
${stagedL}`,
        `sd IN ${R}`,
      ),
    ];
    await conn.command(`${INSERT}
SELECT ${L}, official, date, off, relation, depth, s1, s2, s3, s4, s5, s6, s7, s8, s9, s10, s11, s12, s13 FROM (
  SELECT official, date, off, relation, depth, ${SUMS} FROM (${parts.join("\nUNION ALL\n")})
  GROUP BY official, date, off, relation, depth
) WHERE s1 != 0`);
  } finally {
    await conn.command(`DROP TABLE IF EXISTS ${changed}`);
    await conn.command(`DROP TABLE IF EXISTS ${both}`);
  }
}
