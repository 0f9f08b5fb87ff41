/**
 * The per-snapshot roll-ups of the ClickHouse store (migration 8, issue 15), as DuckDB's migration 008
 * (src/store/duckdb/rollup-sql.ts): per (date, licence tag, gating category) repos and downloads, per (date,
 * lower-cased author) the repos with a 30-day count, their downloads and the spelling min(author), and per date the
 * models with the 10,000 largest 30-day counts (ties included). Small tables on the coordinator.
 *
 * Visibility. Licence, gating and author are the latest metadata, so the first two tables belong to a generation of
 * the model dimension (`load_id` = the load that wrote it, `PARTITION BY load_id`): readers take the generation
 * {@link CURRENT_DIM_LOAD} names for `model` (every load writes both, then lists the generation in `dim_generation`,
 * migration 9). A load writes its generation before the flip — the previous generation's
 * rows of the dates it does not write, the models whose licence, gating or author it changed moved on those dates,
 * and the dates it writes whole — so a killed load's generation is never read, and the next commit drops it. The
 * organisations' rows (since migration 18) are not copied into each generation: they stay in the partition of the load
 * that wrote them (`load_id` = the writer), and `rollup_org_dates` lists per generation the writer of each date, as
 * org-ranking's roll-up does ({@link CREATE_ORG_DATES_TABLE}). The top
 * models depend on the statistics only: their rows carry the load that wrote the date's statistics and are visible
 * with them (`(date, load_id)` of the `snapshot` view), deleted with them.
 */
import { TOP_K_MAX } from "../../queries/params/concentration.js";
import type { ClickHouseConnection } from "./connection.js";
import { literal } from "./literal.js";
import { CURRENT_DIM_LOAD } from "./migrations.js";

/** The counts at or above the k-th largest of a date are kept, for the largest k the catalog takes. */
export const ROLLUP_TOP_N = TOP_K_MAX;

/** The tables (migration 8). */
export const CREATE_ROLLUP_TABLES = [
  `CREATE TABLE IF NOT EXISTS rollup_licence_rows (load_id String, date Date, lic String, gcat String, repos Int64,
  downloads Int64) ENGINE = MergeTree PARTITION BY load_id ORDER BY (date, lic, gcat)`,
  `CREATE TABLE IF NOT EXISTS rollup_org_rows (load_id String, date Date, org String, author String, repos Int64,
  downloads Int64) ENGINE = MergeTree PARTITION BY load_id ORDER BY (date, org)`,
  `CREATE TABLE IF NOT EXISTS rollup_top_rows (date Date, load_id String, key String, downloads Int64)
ENGINE = MergeTree PARTITION BY toYYYYMM(date) ORDER BY (date, load_id, downloads)`,
];

/**
 * The writer of each date of `rollup_org_rows` per generation (migration 18): readers take the rows of the current
 * generation's writer of the date (`load_id IN (SELECT writer FROM rollup_org_dates WHERE load_id = CURRENT_DIM_LOAD
 * AND date = …)`). A load writes the organisations of its staged dates under its own id and lists itself as their
 * writer; the other dates keep the previous generation's writer — about 190,000 organisations a date are not copied
 * into every generation (3.4 s a daily load at 30 days, growing with the dates) — unless the load moved a model to
 * another organisation or changed its spelling: then it rewrites the other dates too (the previous rows but those of
 * the organisations the changed authors leave or join, which are recomputed). A date no generation lists has no
 * rows to read. The clean-up drops a generation's list with the generation, and the rows of writers no list names
 * ({@link collectWriterRows}).
 */
export const CREATE_ORG_DATES_TABLE = `CREATE TABLE IF NOT EXISTS rollup_org_dates (load_id String, date Date, writer String)
ENGINE = MergeTree PARTITION BY load_id ORDER BY date`;

/**
 * The writer list of `rollup_org_rows` from its rows: every (load, date) there is its own writer — true of a store
 * before migration 18 (each generation held every date) and after {@link rebuildStatements} (one generation). From
 * scratch: run it on a store nobody reads.
 */
export const ORG_DATES_REBUILD = [
  "TRUNCATE TABLE rollup_org_dates",
  `INSERT INTO rollup_org_dates (load_id, date, writer)
SELECT load_id, date, any(load_id) AS writer FROM rollup_org_rows GROUP BY load_id, date`,
];

/** The visible statistics (both orderings carry the same rows), as `FROM ${VISIBLE_BY_DATE} AND <condition>`. */
export const VISIBLE_BY_DATE =
  "model_stats_by_date_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)";
export const VISIBLE_BY_KEY = "model_stats_all WHERE (date, load_id) GLOBAL IN (SELECT date, load_id FROM snapshot)";

/** The stored licence tag of a dimension row, lower-cased ('' when none). */
const TAG = "lowerUTF8(ifNull(license, ''))";
/** Its gating category: gated (auto | manual), unknown (NULL), open. */
const GCAT = "multiIf(ifNull(gated, '') IN ('auto', 'manual'), 'gated', isNull(gated), 'unknown', 'open')";
/**
 * What a dimension row gives the roll-ups: its key, stored tag, gating category, author, task and library — the
 * values whose change moves a model between the licence, organisation, task and library roll-ups' groups.
 */
const ROLLUP_VALUES = `key, ${TAG}, ${GCAT}, author, ifNull(pipeline_tag, ''), ifNull(library_name, '')`;
/** {@link ROLLUP_VALUES} as two 64-bit hashes (to compare generations). */
const ROLLUP_VALUES_HASH = `(cityHash64(${ROLLUP_VALUES}), sipHash64(${ROLLUP_VALUES}))`;
/**
 * The licence group of a row with `tag` and `cname` (the licence its model card names, lower-cased, '' when none;
 * after a LEFT JOIN, NULL — join_use_nulls — so read through ifNull):
 * the tag, or for a repo tagged other/unknown or untagged whose card names its licence `name:` + that name — the key
 * `licence_class` maps, so the class is still applied when read (a new licence map needs no rebuild).
 */
const licenceKey = (tag: string, cname: string) =>
  `if(${tag} IN ('other', 'unknown', '') AND ${cname} != '', concat('name:', ${cname}), ${tag})`;
/** What model cards name (`model_card_licence`), per key. */
const CARD_NAMES = "SELECT key, lowerUTF8(ifNull(license_name, '')) AS cname FROM model_card_licence";

/**
 * The models of generation `gen` of the dimension (those `where` selects) with their licence group `lic`, gating
 * category `gcat`, author `a` and stored tag `tag` (lower-cased, '' when none); with `facets`, also their task `t`
 * and library `l` ('' when none).
 */
export function licencedModels(gen: string, where = "1", facets = false): string {
  const tl = facets ? ", t, l" : "";
  const tlOf = facets ? ", ifNull(pipeline_tag, '') AS t, ifNull(library_name, '') AS l" : "";
  return `SELECT key, ${licenceKey("tag", "ifNull(cname, '')")} AS lic, gcat, a, tag${tl} FROM (
  SELECT key, ${TAG} AS tag, ${GCAT} AS gcat, author AS a${tlOf} FROM model_dim_rows WHERE load_id = ${gen} AND ${where}
) ALL LEFT JOIN (${CARD_NAMES}) USING key`;
}

/** Roll-up rows by licence group of `stats` (date, key, dl) joined to generation `gen` of the dimension. */
function licenceRows(stats: string, gen: string): string {
  return `SELECT date, lic, gcat, toInt64(count()) AS repos, toInt64(sum(ifNull(dl, 0))) AS downloads FROM (${stats})
  ALL INNER JOIN (SELECT key, lic, gcat FROM (${licencedModels(gen)})) USING key
GROUP BY date, lic, gcat`;
}

/** Roll-up rows by organisation of `stats` (date, key, dl; dl not NULL) joined to generation `gen`. */
function orgRows(stats: string, gen: string, where = "1"): string {
  return `SELECT date, lowerUTF8(a) AS org, min(a) AS author, toInt64(count()) AS repos, toInt64(sum(dl)) AS downloads
FROM (${stats}) ALL INNER JOIN (SELECT key, author AS a FROM model_dim_rows WHERE load_id = ${gen} AND ${where}) USING key
GROUP BY date, org`;
}

/** Top rows of `stats` (date, load_id, key, dl; dl not NULL): every count at or above the 10,000th of its date. */
function topRows(stats: string): string {
  // a distributed LIMIT BY may keep more per date (each shard's 10,000): a lower threshold, still every top row
  return `SELECT date, load_id, key, dl FROM (${stats}) ALL INNER JOIN (
  SELECT date, min(dl) AS th FROM (SELECT date, dl FROM (${stats}) ORDER BY date, dl DESC LIMIT ${ROLLUP_TOP_N} BY date)
  GROUP BY date
) USING date WHERE dl >= th`;
}

/**
 * The roll-ups of every visible date for dimension generation `g` (SQL: a literal or a scalar subquery), from scratch (migration 8 on a store
 * loaded before it; the stores bench after it synthesises dates). Between the drop and the inserts a reader sees no
 * roll-up rows: run it on a store nobody reads.
 */
export function rebuildStatements(g: string): string[] {
  const counted = `SELECT date, key, assumeNotNull(downloads) AS dl FROM ${VISIBLE_BY_DATE} AND isNotNull(downloads)`;
  const top = `SELECT date, load_id, key, assumeNotNull(downloads) AS dl FROM ${VISIBLE_BY_DATE} AND isNotNull(downloads)`;
  return [
    ...licenceRebuildStatements(g),
    "TRUNCATE TABLE rollup_org_rows",
    "TRUNCATE TABLE rollup_top_rows",
    `INSERT INTO rollup_org_rows (load_id, date, org, author, repos, downloads)
SELECT ${g}, date, org, author, repos, downloads FROM (${orgRows(counted, g)})`,
    `INSERT INTO rollup_top_rows (date, load_id, key, downloads) ${topRows(top)}`,
  ];
}

/**
 * The licence roll-up of every visible date for generation `g`, from scratch (part of {@link rebuildStatements};
 * alone, migration 14: the groups of repos whose model card names their licence).
 */
export function licenceRebuildStatements(g: string): string[] {
  const stats = `SELECT date, key, downloads AS dl FROM ${VISIBLE_BY_DATE}`;
  return [
    "TRUNCATE TABLE rollup_licence_rows",
    `INSERT INTO rollup_licence_rows (load_id, date, lic, gcat, repos, downloads)
SELECT ${g}, date, lic, gcat, repos, downloads FROM (${licenceRows(stats, g)})`,
  ];
}

/** The load whose generation of the model dimension readers see now ('' before the first load). */
export async function currentGeneration(conn: ClickHouseConnection): Promise<string> {
  const [cur] = await conn.rows<{ l: string }>(`SELECT ${CURRENT_DIM_LOAD} AS l`);
  return cur?.l ?? "";
}

/** Runs, in order, the statements `of` gives for the current generation (its load id as a literal). */
export async function rebuildCurrent(conn: ClickHouseConnection, of: (g: string) => string[]): Promise<void> {
  for (const sql of of(literal(await currentGeneration(conn)))) await conn.command(sql);
}

/** Rebuilds every roll-up of the current generation (see {@link rebuildStatements}). */
export async function rebuildRollups(conn: ClickHouseConnection): Promise<void> {
  await rebuildCurrent(conn, (g) => [...rebuildStatements(g), ...ORG_DATES_REBUILD]);
  const cur = await currentGeneration(conn);
  if (cur) await rebuildOrgRankRollups(conn, literal(cur), { rank: true, facet: true });
}

// ---- org-ranking's roll-up (migration 16, issue 15) ----

/**
 * The windows of org-ranking's like-for-like growth (`GROWTH_WINDOWS`), each with its four columns in
 * `rollup_org_rank_rows`: written out here, as the table's columns are (a migration never changes).
 */
export const ORG_RANK_WINDOWS = [7, 30, 90] as const;

/**
 * The tables (migration 16). `rollup_org_rank_rows`: per complete snapshot date and lower-cased author (the latest
 * author, from a generation of the model dimension), what org-ranking reads without a task or library filter — the repos listed at the date (with or without a count), the sums of their 30-day downloads and likes, the
 * spelling min(author) — and for each window w (7, 30, 90) against the latest complete snapshot at or before the date
 * minus w (its base): `c{w}` the repos listed with a count at both, `l{w}` the repos listed at the base too (with or
 * without a count), `b{w}` / `a{w}` the common repos' downloads at the base and at the date. A window without a base
 * snapshot has zeros (the query then answers null growth, from the snapshot dates). Its `load_id` is the load that
 * wrote a date's rows (a partition per writer). `rollup_org_rank_dates`: per generation (`load_id`, as the dimension)
 * and date, the `writer` whose rows the generation reads. A load writes rows only for the dates it recomputes and lists
 * the previous generation's writer for the others — the rows of every date are not copied into each generation (about
 * 190,000 organisations a date: 4 s a load at 30 days) — except when it moves an author between organisations or
 * changes its spelling, when it rewrites the other dates too. Readers take the current generation's writer of the date
 * (a constant); the garbage collection drops the writers no kept generation lists ({@link collectOrgRankRows}).
 */
export const CREATE_ORG_RANK_TABLES = [
  `CREATE TABLE IF NOT EXISTS rollup_org_rank_rows (load_id String, date Date, org String, author String, repos Int64,
  downloads Int64, likes Int64, c7 Int64, l7 Int64, b7 Int64, a7 Int64, c30 Int64, l30 Int64, b30 Int64, a30 Int64,
  c90 Int64, l90 Int64, b90 Int64, a90 Int64) ENGINE = MergeTree PARTITION BY load_id ORDER BY (date, org)`,
  `CREATE TABLE IF NOT EXISTS rollup_org_rank_dates (load_id String, date Date, writer String)
ENGINE = MergeTree PARTITION BY load_id ORDER BY date`,
];

const ORG_RANK_COLUMNS = `date, org, author, repos, downloads, likes, ${ORG_RANK_WINDOWS.map((w) => `c${w}, l${w}, b${w}, a${w}`).join(", ")}`;

/** A date and, per window, its base snapshot (null: none at or before the date minus the window). */
interface RankDate {
  d: string;
  bases: Array<string | null>;
}

/** The base snapshot of `d` for each window among the complete dates `chain` (sorted). */
function rankDate(d: string, chain: readonly string[]): RankDate {
  const day = Date.parse(`${d}T00:00:00Z`);
  return {
    d,
    bases: ORG_RANK_WINDOWS.map((w) => {
      const limit = new Date(day - w * 86_400_000).toISOString().slice(0, 10);
      let base: string | null = null;
      for (const x of chain) if (x <= limit) base = x;
      return base;
    }),
  };
}

/** Every date `ds` reads: itself and its bases. */
function readDates(ds: readonly RankDate[]): string[] {
  return [...new Set(ds.flatMap((r) => [r.d, ...r.bases.filter((b): b is string => b !== null)]))].sort();
}

/** org-ranking's figures of an organisation (or of its repos with one task or library), after date, org and author. */
const ORG_RANK_SUMS = [
  "repos",
  "downloads",
  "likes",
  ...ORG_RANK_WINDOWS.flatMap((w) => [`c${w}`, `l${w}`, `b${w}`, `a${w}`]),
];

/**
 * The roll-up rows of the dates `ds` over generation `gen` of the dimension (the models `where` selects): `stats`
 * gives (date, key, downloads, likes) of every date `ds` reads; each row is paired with the date it counts for and its
 * role there (0: the date itself, w: the base of window w), then one row per (date, key) listed at the date, then the
 * sums per organisation — or, with `facets`, per (date, organisation, task `t`, library `l`: '' when none), the grain
 * {@link byFacet} takes.
 */
function orgRankRows(ds: readonly RankDate[], stats: string, gen: string, where = "1", facets = false): string {
  const pairs = ds.flatMap((r) => [
    `(toDate(${literal(r.d)}), toDate(${literal(r.d)}), toUInt8(0))`,
    ...ORG_RANK_WINDOWS.flatMap((w, i) => {
      const b = r.bases[i];
      return b ? [`(toDate(${literal(b)}), toDate(${literal(r.d)}), toUInt8(${w}))`] : [];
    }),
  ]);
  // per key, a count as -1 when listed without one (aggregates over no row give 0, never NULL, in 18.16), with flags
  // for the roles it is listed in
  const perKey = ORG_RANK_WINDOWS.map(
    (w) => `maxIf(ifNull(downloads, -1), role = ${w}) AS p${w}, countIf(role = ${w}) > 0 AS in${w}`,
  ).join(", ");
  const both = (w: number) => `dl >= 0 AND in${w} AND p${w} >= 0`;
  const perOrg = ORG_RANK_WINDOWS.map(
    (w) => `toInt64(countIf(${both(w)})) AS c${w}, toInt64(countIf(in${w})) AS l${w},
  toInt64(sumIf(p${w}, ${both(w)})) AS b${w}, toInt64(sumIf(dl, ${both(w)})) AS a${w}`,
  ).join(",\n  ");
  const tl = facets ? ", t, l" : "";
  const tlOf = facets ? `, ${FACET_OF}` : "";
  return `SELECT d AS date, lowerUTF8(a) AS org${tl}, min(a) AS author, toInt64(count()) AS repos,
  toInt64(sumIf(dl, dl >= 0)) AS downloads, toInt64(sum(lk)) AS likes,
  ${perOrg}
FROM (
  SELECT d, key, maxIf(ifNull(downloads, -1), role = 0) AS dl, sumIf(ifNull(likes, 0), role = 0) AS lk, ${perKey}
  FROM (${stats}) ALL INNER JOIN (
    SELECT tupleElement(p, 1) AS date, tupleElement(p, 2) AS d, tupleElement(p, 3) AS role
    FROM (SELECT arrayJoin([${pairs.join(", ")}]) AS p)
  ) USING date
  GROUP BY d, key HAVING countIf(role = 0) > 0
) ALL INNER JOIN (SELECT key, author AS a${tlOf} FROM model_dim_rows WHERE load_id = ${gen} AND ${where}) USING key
GROUP BY d, org${tl}`;
}

/** Dates as SQL date literals, separated by commas. */
function dateLiterals(dates: readonly string[]): string {
  return dates.map((d) => `toDate(${literal(d)})`).join(", ");
}

/** A list of dates as SQL (`(toDate('…'), …)`), for `IN`. */
export function dateSet(dates: readonly string[]): string {
  return `(${dateLiterals(dates)})`;
}

/** A list of dates as an SQL array constant (`[toDate('…'), …]`), in the order given. */
export function dateArray(dates: readonly string[]): string {
  return `[${dateLiterals(dates)}]`;
}

/**
 * A load's staged dates (`dedupTable`, with `snap_date`) and the dates visible after its flip (the complete snapshots
 * and the staged dates), both sorted: what the load-time writers of per-date roll-ups recompute and read.
 */
export async function loadDateChain(
  conn: ClickHouseConnection,
  dedupTable: string,
): Promise<{ staged: string[]; chain: string[] }> {
  const staged = (
    await conn.rows<{ d: string }>(`SELECT DISTINCT toString(snap_date) AS d FROM ${dedupTable} ORDER BY d`)
  ).map((r) => r.d);
  const visible = (await conn.rows<{ d: string }>("SELECT toString(date) AS d FROM snapshot")).map((r) => r.d);
  return { staged, chain: [...new Set([...visible, ...staged])].sort() };
}

/** The visible statistics of `dates` (date, key, downloads, likes). */
function visibleStats(dates: readonly string[]): string {
  return `SELECT date, key, downloads, likes FROM ${VISIBLE_BY_DATE} AND date IN ${dateSet(dates)}`;
}

/** Rebuilds the current generation's org-ranking roll-up (see {@link rebuildOrgRankRollups}); none when nothing is loaded. */
export async function rebuildCurrentOrgRank(conn: ClickHouseConnection): Promise<void> {
  const cur = await currentGeneration(conn);
  if (cur) await rebuildOrgRankRollups(conn, literal(cur), { rank: true, facet: false });
}

/** Rebuilds the current generation's roll-up by task and library (see {@link rebuildOrgRankRollups}); none when nothing is loaded. */
export async function rebuildCurrentOrgFacet(conn: ClickHouseConnection): Promise<void> {
  const cur = await currentGeneration(conn);
  if (cur) await rebuildOrgRankRollups(conn, literal(cur), { rank: false, facet: true });
}

const ORG_RANK_INSERT = `INSERT INTO rollup_org_rank_rows (load_id, ${ORG_RANK_COLUMNS})`;

/** Which of org-ranking's two roll-ups to write: per organisation (migration 16), per task or library value (19). */
interface RankRollups {
  rank: boolean;
  facet: boolean;
}

/**
 * Writes generation `g`'s org-ranking roll-up (`which.rank`) and its roll-up by task and library (`which.facet`) of
 * every visible date from scratch (a literal load id), one date at a time (each reads its own and its bases'
 * statistics: the memory of one date's models), both from one pairing of the statistics: migrations 16 and 19 and
 * {@link rebuildRollups}. Between the drop and the inserts a reader sees no rows: run it on a store nobody reads.
 */
export async function rebuildOrgRankRollups(conn: ClickHouseConnection, g: string, which: RankRollups): Promise<void> {
  const tables = [
    ...(which.rank ? [["rollup_org_rank_rows", "rollup_org_rank_dates"]] : []),
    ...(which.facet ? [["rollup_org_facet_rows", "rollup_org_facet_dates"]] : []),
  ];
  for (const [rows, dates] of tables) {
    await conn.command(`ALTER TABLE ${dates} DROP PARTITION ${g}`);
    await conn.command(`ALTER TABLE ${rows} DROP PARTITION ${g}`);
  }
  const chain = (await conn.rows<{ d: string }>("SELECT toString(date) AS d FROM snapshot ORDER BY date")).map(
    (r) => r.d,
  );
  for (const d of chain) {
    const ds = [rankDate(d, chain)];
    await writeRankDates(conn, g, ds, visibleStats(readDates(ds)), which);
  }
  for (const [, dates] of tables) await listWriters(conn, g, chain, g, dates);
}

/** The grain both org-ranking roll-ups sum: per (date, organisation, task, library), as {@link orgRankRows} gives it. */
const GRAIN_COLUMNS = `date Date, org String, t String, l String, author String, ${ORG_RANK_SUMS.map((c) => `${c} Int64`).join(", ")}`;

/**
 * Writes the rows of the dates `ds` (all their rows: see {@link orgRankRows}) of the roll-ups `which` under `L` (a
 * literal), from `stats` and generation `L` of the dimension. Both at once: one pairing of the statistics into the
 * sums per (date, organisation, task, library) — a Memory table of the coordinator —, then summed per organisation
 * and per value ({@link byFacet}).
 */
async function writeRankDates(
  conn: ClickHouseConnection,
  L: string,
  ds: readonly RankDate[],
  stats: string,
  which: RankRollups,
): Promise<void> {
  if (!which.facet) {
    if (which.rank)
      await conn.command(`${ORG_RANK_INSERT}
SELECT ${L}, ${ORG_RANK_COLUMNS} FROM (${orgRankRows(ds, stats, L)})`);
    return;
  }
  if (!which.rank) {
    await conn.command(`${ORG_FACET_INSERT}
SELECT ${L}, ${ORG_FACET_COLUMNS} FROM (${byFacet(orgRankRows(ds, stats, L, "1", true))})`);
    return;
  }
  const grain = `rank_grain_${Date.now()}_${Math.random().toString(16).slice(2, 10)}`;
  try {
    await conn.command(`CREATE TABLE ${grain} (${GRAIN_COLUMNS}) ENGINE = Memory`);
    await conn.command(`INSERT INTO ${grain}
SELECT date, org, t, l, author, ${ORG_RANK_SUMS.join(", ")} FROM (${orgRankRows(ds, stats, L, "1", true)})`);
    // the columns in the table's order (no alias: `min(author) AS author` would name its own argument)
    await conn.command(`${ORG_RANK_INSERT}
SELECT ${L}, date, org, min(author), ${ORG_RANK_SUMS.map((c) => `sum(${c})`).join(", ")} FROM ${grain} GROUP BY date, org`);
    await conn.command(`${ORG_FACET_INSERT}
SELECT ${L}, ${ORG_FACET_COLUMNS} FROM (${byFacet(`SELECT * FROM ${grain}`)})`);
  } finally {
    await conn.command(`DROP TABLE IF EXISTS ${grain}`);
  }
}

/** Lists `writer` (a literal) as generation `g`'s writer of `dates` (in `table`: org-ranking's list by default). */
async function listWriters(
  conn: ClickHouseConnection,
  g: string,
  dates: readonly string[],
  writer: string,
  table = "rollup_org_rank_dates",
) {
  if (dates.length === 0) return;
  await conn.command(`INSERT INTO ${table} (load_id, date, writer)
SELECT ${g}, d, ${writer} FROM (SELECT arrayJoin(${dateArray(dates)}) AS d)`);
}

/** The roll-ups whose rows stay with their writer, each with its list of writers per generation. */
const WRITER_LISTS = [
  { rows: "rollup_org_rank_rows", dates: "rollup_org_rank_dates" },
  { rows: "rollup_org_rows", dates: "rollup_org_dates" },
  { rows: "rollup_org_facet_rows", dates: "rollup_org_facet_dates" },
] as const;

/** The lists of writers per generation (migrations 16 and 18): dropped with their generation by the clean-up. */
export const WRITER_LIST_TABLES = WRITER_LISTS.map((t) => t.dates);

/**
 * Drops the rows of writers no generation lists any more (after the garbage collection dropped those generations'
 * lists), except those of running loads (`running`: a SQL set of load ids), which may not have listed theirs yet:
 * org-ranking's roll-up (migration 16) and the organisations' (migration 18).
 */
export async function collectWriterRows(conn: ClickHouseConnection, running: string): Promise<void> {
  for (const t of WRITER_LISTS) {
    const gone = await conn.rows<{ l: string }>(`SELECT DISTINCT load_id AS l FROM ${t.rows}
WHERE load_id NOT IN (SELECT writer FROM ${t.dates}) AND load_id NOT IN ${running}`);
    for (const g of gone) await conn.command(`ALTER TABLE ${t.rows} DROP PARTITION ${literal(g.l)}`);
  }
}

/**
 * A load's org-ranking roll-ups (generation `L`, a literal), before its flip, from generation `P` (the previous one,
 * `''` literal when none) and the staged rows (`dedupTable`, with `snap_date`): per organisation (migration 16) and per
 * task or library value (migration 19). `changed` is {@link writeLoadRollups}' table of the staged models whose author
 * this load changed (null before the first load). A date's rows change when its statistics or one of its bases' do — the staged dates and the dates whose base for some window is a staged date (a back-filled date becomes
 * later dates' base; a re-loaded one changes theirs) —, recomputed whole from the statistics visible after the flip
 * (the staged rows for the staged dates), under `L`, both roll-ups from one pairing; the other dates keep the previous
 * generation's writer — unless the load changed an author (moved a model to another organisation, or its spelling):
 * then every other date is rewritten under `L`, the previous rows but those of the organisations the changed authors
 * leave or join, which are recomputed (the roll-up by value: {@link writeOrgFacetRest}). A daily load in date order
 * recomputes its own date only. `orgs` and `groups`: the load's sums of its staged rows per (date, organisation) and
 * per (date, organisation, …, task `t`, library `l`); `candidates`: {@link writeLoadRollups}' table of the models
 * whose values the previous generation lacks (with `changed`).
 */
async function writeOrgRankRollup(
  conn: ClickHouseConnection,
  loadId: string,
  prev: string,
  dedupTable: string,
  orgs: string,
  groups: string,
  changed: string | null,
  candidates: string,
): Promise<void> {
  const L = literal(loadId);
  const P = literal(prev);
  const { staged, chain } = await loadDateChain(conn, dedupTable);
  if (staged.length === 0) return;
  const all = chain.map((d) => rankDate(d, chain));
  const whole =
    changed === null ? all : all.filter((r) => [r.d, ...r.bases].some((x) => x !== null && staged.includes(x)));
  const stagedStats = (dates: readonly string[]) =>
    `SELECT snap_date AS date, key, downloads, likes FROM ${dedupTable} WHERE snap_date IN ${dateSet(dates)}`;
  // a staged date without a base for any window (a store's first load, a date less than 7 days after the first
  // complete one) has zeros in every window's columns: its rows are the per-organisation sums the load grouped once
  // (`orgs`; per value: `groups`), not the pairing of each model with its bases
  const plain = whole.filter((r) => staged.includes(r.d) && r.bases.every((b) => b === null));
  if (plain.length > 0) {
    const zeros = ORG_RANK_WINDOWS.map((w) => `0 AS c${w}, 0 AS l${w}, 0 AS b${w}, 0 AS a${w}`).join(", ");
    const dates = dateSet(plain.map((r) => r.d));
    await conn.command(`${ORG_RANK_INSERT}
SELECT ${L}, ${ORG_RANK_COLUMNS} FROM (
  SELECT date, org, author, repos, downloads, likes, ${zeros} FROM ${orgs} WHERE date IN ${dates}
)`);
    await conn.command(`${ORG_FACET_INSERT}
SELECT ${L}, ${ORG_FACET_COLUMNS} FROM (${byFacet(`SELECT date, org, t, l, author, repos, downloads, likes, ${zeros}
  FROM ${groups} WHERE date IN ${dates}`)})`);
  }
  const paired = whole.filter((r) => !plain.includes(r));
  if (paired.length > 0) {
    const read = readDates(paired);
    const fromStaged = read.filter((d) => staged.includes(d));
    const fromVisible = read.filter((d) => !staged.includes(d));
    const stats = [
      ...(fromVisible.length > 0 ? [visibleStats(fromVisible)] : []),
      ...(fromStaged.length > 0 ? [stagedStats(fromStaged)] : []),
    ].join("\nUNION ALL\n");
    await writeRankDates(conn, L, paired, stats, { rank: true, facet: true });
  }
  const wholeDates = whole.map((r) => r.d);
  await listWriters(conn, L, wholeDates, L);
  await listWriters(conn, L, wholeDates, L, "rollup_org_facet_dates");
  if (changed === null) return;
  const rest = all.filter((r) => !wholeDates.includes(r.d));
  if (rest.length === 0) return;
  await writeOrgFacetRest(conn, loadId, prev, rest, candidates);
  const restDates = dateSet(rest.map((r) => r.d));
  const [n] = await conn.rows<{ n: number }>(`SELECT count() AS n FROM ${changed} WHERE old_author != new_author`);
  if (Number(n?.n ?? 0) === 0) {
    // the other dates' rows are the previous generation's, where they are
    await conn.command(`INSERT INTO rollup_org_rank_dates (load_id, date, writer)
SELECT ${L}, date, writer FROM rollup_org_rank_dates WHERE load_id = ${P} AND date IN ${restDates}`);
    return;
  }
  const affected = `(SELECT arrayJoin([lowerUTF8(old_author), lowerUTF8(new_author)]) FROM ${changed} WHERE old_author != new_author)`;
  await conn.command(`${ORG_RANK_INSERT}
SELECT ${L}, ${ORG_RANK_COLUMNS} FROM rollup_org_rank_rows WHERE (load_id, date) IN (
  SELECT writer, date FROM rollup_org_rank_dates WHERE load_id = ${P} AND date IN ${restDates}
) AND org NOT IN ${affected}`);
  const where = `lowerUTF8(author) IN ${affected}`;
  const stats = `SELECT date, key, downloads, likes FROM ${VISIBLE_BY_KEY}
  AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = ${L} AND ${where})`;
  await conn.command(`${ORG_RANK_INSERT}
SELECT ${L}, ${ORG_RANK_COLUMNS} FROM (${orgRankRows(rest, stats, L, where)})`);
  await listWriters(
    conn,
    L,
    rest.map((r) => r.d),
    L,
  );
}

// ---- org-ranking's roll-up by task and by library (migration 19, issue 15) ----

/**
 * The tables (migration 19). `rollup_org_facet_rows`: org-ranking's roll-up ({@link CREATE_ORG_RANK_TABLES}: the same
 * columns, the same windows and bases) per complete snapshot date, dimension `dim` ('task': pipeline_tag, 'library':
 * library_name), lower-cased value and organisation, over the repos with that value — what org-ranking answers with a
 * task or a library filter (`lowerUTF8(pipeline_tag) = lowerUTF8($task)`: a model without a task is in no task's rows,
 * and '' never matches a filter of at least one character, so neither is written). `rollup_org_facet_dates`: per
 * generation and date, the writer whose rows the generation reads, with the rules of `rollup_org_rank_dates` — a load
 * writes the dates it recomputes (its staged dates and those they are a base of) and lists the previous generation's
 * writer for the other dates, unless it changed a model's author, task or library (lower-cased): then it rewrites the
 * other dates under its own id, the previous rows but those of the (dimension, value, organisation) groups the changed
 * models leave or join, which are recomputed from their models' statistics.
 */
export const CREATE_ORG_FACET_TABLES = [
  `CREATE TABLE IF NOT EXISTS rollup_org_facet_rows (load_id String, date Date, dim String, value String, org String,
  author String, repos Int64, downloads Int64, likes Int64, c7 Int64, l7 Int64, b7 Int64, a7 Int64, c30 Int64, l30 Int64,
  b30 Int64, a30 Int64, c90 Int64, l90 Int64, b90 Int64, a90 Int64)
ENGINE = MergeTree PARTITION BY load_id ORDER BY (date, dim, value, org)`,
  `CREATE TABLE IF NOT EXISTS rollup_org_facet_dates (load_id String, date Date, writer String)
ENGINE = MergeTree PARTITION BY load_id ORDER BY date`,
];

const ORG_FACET_COLUMNS = `date, dim, value, ${ORG_RANK_COLUMNS.replace(/^date, /, "")}`;
const ORG_FACET_INSERT = `INSERT INTO rollup_org_facet_rows (load_id, ${ORG_FACET_COLUMNS})`;

/** A dimension row's task `t` and library `l` as stored ('' when none): the values {@link byFacet} lower-cases. */
const FACET_OF = "ifNull(pipeline_tag, '') AS t, ifNull(library_name, '') AS l";

/**
 * Rows per (date, org, t, l) with `author` and org-ranking's sums ({@link ORG_RANK_SUMS}; several rows of a group are
 * summed) → rows per (date, dim, value, org): a repo counts under its lower-cased task and under its lower-cased
 * library, not under ''.
 */
function byFacet(rows: string): string {
  return `SELECT date, dim, value, org, min(author_) AS author, ${ORG_RANK_SUMS.map((c) => `toInt64(sum(${c}_)) AS ${c}`).join(", ")}
FROM (
  SELECT date, org, t, l, author AS author_, ${ORG_RANK_SUMS.map((c) => `${c} AS ${c}_`).join(", ")} FROM (${rows})
) ARRAY JOIN ['task', 'library'] AS dim, [lowerUTF8(t), lowerUTF8(l)] AS value
WHERE value != ''
GROUP BY date, dim, value, org`;
}

/**
 * The other dates of a load's roll-up by task and library (`rest`: those {@link writeOrgRankRollup} did not recompute),
 * generation `L` (`loadId`) from generation `P` (`prev`, not ''): they keep `P`'s writer unless the load changed a
 * model's author, task or library, when they are rewritten under `L` (see {@link CREATE_ORG_FACET_TABLES}). The
 * changed models are among `candidates` ({@link writeLoadRollups}' table of the models whose values `P` lacks),
 * compared here with their row in `P`.
 */
async function writeOrgFacetRest(
  conn: ClickHouseConnection,
  loadId: string,
  prev: string,
  rest: readonly RankDate[],
  candidates: string,
): Promise<void> {
  const L = literal(loadId);
  const P = literal(prev);
  const restDates = dateSet(rest.map((r) => r.d));
  const moved = `stage_${loadId}_orgfacets`;
  try {
    // the (dimension, value, organisation) groups a changed model leaves or joins (its author's spelling too: the
    // group's min(author))
    await conn.command(`CREATE TABLE ${moved} (dim String, value String, org String) ENGINE = Memory`);
    const side = (gen: string, as: string) =>
      `SELECT key, author AS ${as}a, lowerUTF8(ifNull(pipeline_tag, '')) AS ${as}t, lowerUTF8(ifNull(library_name, '')) AS ${as}l
  FROM model_dim_rows WHERE load_id = ${gen} AND key IN ${candidates}`;
    await conn.command(`INSERT INTO ${moved}
SELECT DISTINCT tupleElement(g, 1) AS dim, tupleElement(g, 2) AS value, tupleElement(g, 3) AS org FROM (
  SELECT key, oa, ot, ol, na, nt, nl FROM (${side(L, "n")}) ALL INNER JOIN (${side(P, "o")}) USING key
  WHERE oa != na OR ot != nt OR ol != nl
) ARRAY JOIN [('task', ot, lowerUTF8(oa)), ('task', nt, lowerUTF8(na)), ('library', ol, lowerUTF8(oa)),
  ('library', nl, lowerUTF8(na))] AS g
WHERE value != ''`);
    const [n] = await conn.rows<{ n: number }>(`SELECT count() AS n FROM ${moved}`);
    if (Number(n?.n ?? 0) === 0) {
      // the other dates' rows are the previous generation's, where they are
      await conn.command(`INSERT INTO rollup_org_facet_dates (load_id, date, writer)
SELECT ${L}, date, writer FROM rollup_org_facet_dates WHERE load_id = ${P} AND date IN ${restDates}`);
      return;
    }
    const groupSet = `(SELECT dim, value, org FROM ${moved})`;
    await conn.command(`${ORG_FACET_INSERT}
SELECT ${L}, ${ORG_FACET_COLUMNS} FROM rollup_org_facet_rows WHERE (load_id, date) IN (
  SELECT writer, date FROM rollup_org_facet_dates WHERE load_id = ${P} AND date IN ${restDates}
) AND (dim, value, org) NOT IN ${groupSet}`);
    // the moved groups recomputed from the statistics of their models (only those groups: such a model's other
    // dimension may sit in a group not recomputed)
    const where = `(('task', lowerUTF8(ifNull(pipeline_tag, '')), lowerUTF8(author)) IN ${groupSet}
  OR ('library', lowerUTF8(ifNull(library_name, '')), lowerUTF8(author)) IN ${groupSet})`;
    const stats = `SELECT date, key, downloads, likes FROM ${VISIBLE_BY_KEY}
  AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = ${L} AND ${where})`;
    await conn.command(`${ORG_FACET_INSERT}
SELECT ${L}, ${ORG_FACET_COLUMNS} FROM (${byFacet(orgRankRows(rest, stats, L, where, true))})
WHERE (dim, value, org) IN ${groupSet}`);
    await listWriters(
      conn,
      L,
      rest.map((r) => r.d),
      L,
      "rollup_org_facet_dates",
    );
  } finally {
    await conn.command(`DROP TABLE IF EXISTS ${moved}`);
  }
}

/**
 * The organisations' roll-up of generation `L` (a literal), before its flip, from generation `P` (`''` literal before
 * the first load), the load's per-organisation sums (`orgs`, staged dates) and `changed` ({@link writeLoadRollups}'
 * table of the staged models whose author this load changed; null when none did): the staged dates' rows under `L`,
 * listed with `L` as their writer; the other dates keep `P`'s writer — or, when an author changed, are rewritten
 * under `L` (see {@link CREATE_ORG_DATES_TABLE}).
 */
async function writeOrgRows(
  conn: ClickHouseConnection,
  L: string,
  P: string,
  dedupTable: string,
  orgs: string,
  changed: string | null,
): Promise<void> {
  const INSERT = "INSERT INTO rollup_org_rows (load_id, date, org, author, repos, downloads)";
  const stagedDates = (
    await conn.rows<{ d: string }>(`SELECT DISTINCT toString(snap_date) AS d FROM ${dedupTable} ORDER BY d`)
  ).map((r) => r.d);
  if (stagedDates.length === 0) return;
  const staged = dateSet(stagedDates);
  await conn.command(`${INSERT}
SELECT ${L}, date, org, c_author, c_repos, downloads FROM ${orgs} WHERE c_repos > 0`);
  await listWriters(conn, L, stagedDates, L, "rollup_org_dates");
  if (changed === null) {
    // the other dates' rows are the previous generation's writers', where they are
    await conn.command(`INSERT INTO rollup_org_dates (load_id, date, writer)
SELECT ${L}, date, writer FROM rollup_org_dates WHERE load_id = ${P} AND date NOT IN ${staged}`);
    return;
  }
  // the other dates rewritten under L: the previous rows but the organisations a changed author leaves or joins,
  // which are recomputed from the statistics of their models
  const rest = (
    await conn.rows<{ d: string }>(
      `SELECT toString(date) AS d FROM rollup_org_dates WHERE load_id = ${P} AND date NOT IN ${staged} ORDER BY d`,
    )
  ).map((r) => r.d);
  if (rest.length === 0) return;
  const restDates = dateSet(rest);
  const affected = `(SELECT arrayJoin([lowerUTF8(old_author), lowerUTF8(new_author)]) FROM ${changed} WHERE old_author != new_author)`;
  await conn.command(`${INSERT}
SELECT ${L}, date, org, author, repos, downloads FROM rollup_org_rows WHERE (load_id, date) IN (
  SELECT writer, date FROM rollup_org_dates WHERE load_id = ${P} AND date IN ${restDates}
) AND org NOT IN ${affected}`);
  await conn.command(`${INSERT}
SELECT ${L}, date, org, author, repos, downloads FROM (${orgRows(
    `SELECT date, key, assumeNotNull(downloads) AS dl FROM ${VISIBLE_BY_KEY} AND isNotNull(downloads)
  AND date IN ${restDates}
  AND key GLOBAL IN (SELECT key FROM model_dim_rows WHERE load_id = ${L} AND lowerUTF8(author) IN ${affected})`,
    L,
    `lowerUTF8(author) IN ${affected}`,
  )})`);
  await listWriters(conn, L, rest, L, "rollup_org_dates");
}

/**
 * A load's roll-ups, before its flip: generation `loadId` from generation `prev` (the current one) and the load's
 * de-duplicated rows (`dedupTable`, with `snap_date`), after the load wrote its dimension generation. `withGroups`
 * runs last, with the name of the table of the staged rows' sums per (date, organisation, licence group, gating
 * category, task `t`, library `l`: `repos`, `downloads`, …), before it is dropped, and of the candidates (below; not
 * created on a store's first load, when `prev` is ''): the facet roll-up's writer. `parts`: the parts the load writes
 * its largest statements in (ClickHouseConnection.commandInParts).
 */
export async function writeLoadRollups(
  conn: ClickHouseConnection,
  loadId: string,
  prev: string,
  dedupTable: string,
  parts: number,
  withGroups: (groups: string, candidates: string) => Promise<void>,
): Promise<void> {
  const L = literal(loadId);
  const P = literal(prev);
  const changed = `stage_${loadId}_changed`;
  const groups = `stage_${loadId}_groups`;
  const orgs = `stage_${loadId}_orgs`;
  const candidates = `stage_${loadId}_candidates`;
  const staged = `(SELECT DISTINCT snap_date FROM ${dedupTable})`;
  await conn.command(`CREATE TABLE ${changed} (key String, old_lic String, old_gcat String, old_author String,
  new_lic String, new_gcat String, new_author String) ENGINE = Memory`);
  try {
    // the staged rows joined once to this generation's licence groups, authors, tasks and libraries, summed per
    // (date, organisation, licence group, gating category, task, library) — what the licence, both organisation and
    // the facet roll-ups take for the staged dates: every repo listed (repos, downloads, likes, spelling min(author))
    // and those with a 30-day count (`c_repos`, and `c_author` their spelling; their downloads are the same sum,
    // since a repo without a count adds nothing)
    await conn.command(`CREATE TABLE ${groups} (date Date, org String, lic String, gcat String, t String, l String,
  author String, repos Int64, downloads Int64, likes Int64, c_author String, c_repos Int64) ENGINE = Memory`);
    // (in parts by the organisation's hash, side by side: each part's groups are whole)
    await conn.commandInParts(
      (partOf) => `INSERT INTO ${groups}
SELECT date, lowerUTF8(a) AS org, lic, gcat, t, l, min(a), toInt64(count()), toInt64(sumIf(dl, dl >= 0)),
  toInt64(sum(ifNull(likes, 0))), minIf(a, dl >= 0), toInt64(countIf(dl >= 0))
FROM (SELECT snap_date AS date, key, ifNull(downloads, -1) AS dl, likes FROM ${dedupTable})
ALL INNER JOIN (SELECT key, lic, gcat, a, t, l FROM (${licencedModels(L, partOf("cityHash64(lowerUTF8(author))"), true)})) USING key
GROUP BY date, org, lic, gcat, t, l`,
      {},
      parts,
    );
    // per (date, organisation): org-ranking's rows of the dates without a base, rollup_org_rows' of the staged dates
    await conn.command(`CREATE TABLE ${orgs} (date Date, org String, author String, repos Int64, downloads Int64,
  likes Int64, c_author String, c_repos Int64) ENGINE = Memory`);
    await conn.command(`INSERT INTO ${orgs}
SELECT date, org, min(author), sum(repos), sum(downloads), sum(likes), minIf(c_author, c_repos > 0), sum(c_repos)
FROM ${groups} GROUP BY date, org`);
    // the staged models whose licence, gating or author this load changed (none when there is no previous generation:
    // the first load of a store). Candidates first: the models of this generation whose (key, tag, gating category,
    // author, task, library) the previous one lacks — changed or new to the store; a model this load does not stage
    // keeps its previous row —, compared by two 64-bit hashes (a set of numbers: looking every staged key up in both
    // generations took ~3 s on the full listing); a model's card licence name is the same for both generations, so its
    // licence group changes only with its tag. A change goes unseen only if both hashes of the new values equal those
    // of another model's, a chance of about 2^-128 per pair. One set for every roll-up that compares generations (the
    // licence and organisation roll-ups here, the facet roll-up and org-ranking's by task and library): each compares
    // its candidates' values in both generations, so a model whose other values changed is only looked at (the three
    // sets, one per roll-up, took ~0.7 s each on a daily load of the full listing).
    if (prev !== "") {
      await conn.command(`CREATE TABLE ${candidates} (key String) ENGINE = Memory`);
      await conn.command(`INSERT INTO ${candidates} SELECT key FROM model_dim_rows WHERE load_id = ${L}
  AND ${ROLLUP_VALUES_HASH} NOT IN (SELECT ${ROLLUP_VALUES_HASH} FROM model_dim_rows WHERE load_id = ${P})`);
      await conn.command(`INSERT INTO ${changed}
SELECT key, old_lic, old_gcat, old_author, new_lic, new_gcat, new_author FROM (
  SELECT key, lic AS new_lic, gcat AS new_gcat, a AS new_author
  FROM (${licencedModels(L, `key IN ${candidates}`)})
) ALL INNER JOIN (
  SELECT key, lic AS old_lic, gcat AS old_gcat, a AS old_author
  FROM (${licencedModels(P, `key IN ${candidates}`)})
) USING key
WHERE old_lic != new_lic OR old_gcat != new_gcat OR old_author != new_author`);
    }
    const [n] = await conn.rows<{ lic: number; org: number }>(
      `SELECT countIf(old_lic != new_lic OR old_gcat != new_gcat) AS lic, countIf(old_author != new_author) AS org FROM ${changed}`,
    );
    const licParts = [
      `SELECT date, lic, gcat, repos, downloads FROM rollup_licence_rows WHERE load_id = ${P} AND date NOT IN ${staged}`,
      `SELECT date, lic, gcat, sum(repos) AS repos, sum(downloads) AS downloads FROM ${groups} GROUP BY date, lic, gcat`,
    ];
    if (Number(n?.lic ?? 0) > 0) {
      licParts.push(`SELECT date, lic, gcat, toInt64(sign) AS repos, toInt64(sign * ifNull(dl, 0)) AS downloads FROM (
  SELECT date, dl, signs, lics, gcats FROM (
    SELECT date, key, downloads AS dl FROM ${VISIBLE_BY_KEY}
      AND key GLOBAL IN (SELECT key FROM ${changed} WHERE old_lic != new_lic OR old_gcat != new_gcat)
      AND date GLOBAL NOT IN ${staged}
  ) ALL INNER JOIN (
    SELECT key, [-1, 1] AS signs, [old_lic, new_lic] AS lics, [old_gcat, new_gcat] AS gcats FROM ${changed}
    WHERE old_lic != new_lic OR old_gcat != new_gcat
  ) USING key
) ARRAY JOIN signs AS sign, lics AS lic, gcats AS gcat`);
    }
    await conn.command(`INSERT INTO rollup_licence_rows (load_id, date, lic, gcat, repos, downloads)
SELECT ${L}, date, lic, gcat, r, d FROM (
  SELECT date, lic, gcat, sum(repos) AS r, sum(downloads) AS d FROM (${licParts.join("\nUNION ALL\n")})
  GROUP BY date, lic, gcat
) WHERE r != 0`);
    await writeOrgRows(conn, L, P, dedupTable, orgs, Number(n?.org ?? 0) > 0 ? changed : null);
    // org-ranking's roll-ups (migrations 16, 19): the dates whose statistics or bases this load changed, the moved
    // authors (and tasks and libraries)
    await writeOrgRankRollup(conn, loadId, prev, dedupTable, orgs, groups, prev === "" ? null : changed, candidates);
    // the top models of the dates written here, under this load (visible with its statistics)
    const top = `SELECT snap_date AS date, ${L} AS load_id, key, assumeNotNull(downloads) AS dl FROM ${dedupTable}
  WHERE isNotNull(downloads)`;
    await conn.command(`INSERT INTO rollup_top_rows (date, load_id, key, downloads) ${topRows(top)}`);
    // the facet roll-up's staged dates from the same sums (facet-rollups.ts)
    await withGroups(groups, candidates);
  } finally {
    await conn.command(`DROP TABLE IF EXISTS ${changed}`);
    await conn.command(`DROP TABLE IF EXISTS ${groups}`);
    await conn.command(`DROP TABLE IF EXISTS ${orgs}`);
    await conn.command(`DROP TABLE IF EXISTS ${candidates}`);
  }
}

/**
 * Stores card licences (`save`: one INSERT of `model_card_licence_rows`) and keeps the licence roll-up of the current
 * generation in step: the models whose licence group the new cards change (tagged other/unknown or untagged, whose
 * card now names a licence, another one or none) have their repos and downloads moved, on every visible date, from
 * the old group to the new — rows appended to the generation (readers sum a group's rows; the next load folds them).
 * `names` is each model key's new card licence name (null: the card names none). The moves are computed before the
 * cards are stored, so a failure before leaves both as they were; after, only the INSERT of the few moved rows is
 * left. A load that flips its generation between the two (from another process) has its own roll-up without these
 * moves, until the next load or rebuild: run card fetches between loads, as the collector does.
 */
export async function saveCardLicencesWithRollup(
  conn: ClickHouseConnection,
  names: ReadonlyMap<string, string | null>,
  save: () => Promise<void>,
): Promise<void> {
  const [cur] = await conn.rows<{ g: string }>(`SELECT ${CURRENT_DIM_LOAD} AS g`);
  if (!cur?.g) return save(); // nothing loaded: no roll-up to keep
  const G = literal(cur.g);
  const base = `card_moves_${Date.now()}_${Math.random().toString(16).slice(2, 10)}`;
  const [cards, moved, delta] = [`${base}_cards`, `${base}_moved`, `${base}_delta`];
  try {
    await conn.command(`CREATE TABLE ${cards} (key String, name Nullable(String)) ENGINE = Memory`);
    await conn.insert(
      cards,
      [...names].map(([key, name]) => ({ key, name })),
    );
    await conn.command(
      `CREATE TABLE ${moved} (key String, gcat String, old_lic String, new_lic String) ENGINE = Memory`,
    );
    await conn.command(`INSERT INTO ${moved}
SELECT key, gcat, lic AS old_lic, ${licenceKey("tag", "ncname")} AS new_lic FROM (
  ${licencedModels(G, `key IN (SELECT key FROM ${cards})`)}
) ALL INNER JOIN (SELECT key, lowerUTF8(ifNull(name, '')) AS ncname FROM ${cards}) USING key
WHERE old_lic != new_lic`);
    await conn.command(`CREATE TABLE ${delta} (date Date, lic String, gcat String, repos Int64, downloads Int64)
ENGINE = Memory`);
    await conn.command(`INSERT INTO ${delta}
SELECT date, lic, gcat, toInt64(sum(sign)) AS r, toInt64(sum(sign * ifNull(dl, 0))) AS d FROM (
  SELECT date, dl, gcat, signs, lics FROM (
    SELECT date, key, downloads AS dl FROM ${VISIBLE_BY_KEY} AND key GLOBAL IN (SELECT key FROM ${moved})
  ) ALL INNER JOIN (SELECT key, gcat, [-1, 1] AS signs, [old_lic, new_lic] AS lics FROM ${moved}) USING key
) ARRAY JOIN signs AS sign, lics AS lic
GROUP BY date, lic, gcat HAVING r != 0`);
    await save();
    await conn.command(`INSERT INTO rollup_licence_rows (load_id, date, lic, gcat, repos, downloads)
SELECT ${G}, date, lic, gcat, repos, downloads FROM ${delta}`);
  } finally {
    for (const t of [cards, moved, delta]) await conn.command(`DROP TABLE IF EXISTS ${t}`);
  }
}
