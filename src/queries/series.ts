/**
 * History and growth: series of a model or an organisation over dated snapshots (bucketed by day, week or month),
 * the fastest-growing models over a window, and how concentrated downloads are.
 *
 * The Hub keeps no history, so every figure here compares omo's own complete snapshots. Series are built for a
 * SET of models, the CTE `members(mid)`: {@link seriesCtes} takes the SELECT that fills it, so a series of any
 * group (a family, a version) is `seriesCtes("SELECT mid FROM …") + GROUP_SERIES_SELECT`, with the params
 * {@link SeriesRangeParams} plus whatever the members SELECT binds, and rows {@link GroupSeriesRow}.
 */
import { z } from "zod";
import { AUTO_DAY_MAX_DAYS, AUTO_WEEK_MAX_DAYS, BUCKETS } from "../domain/buckets.js";
import { type CatalogQuery, defineQuery } from "./catalog.js";
import {
  CH_ROLLUP_TOP,
  CH_SNAPSHOT_DATE_SQL,
  CH_STATS_BY_DATE,
  CH_STATS_BY_KEY,
  Count,
  chMatch,
  chRollupWhere,
  MatchParam,
  SNAPSHOT_DATE_SQL,
} from "./common.js";

/** A real calendar date `YYYY-MM-DD`. */
const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD")
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), "not a real calendar date");

/** An optional date bound (`null` = open). */
const OptDate = IsoDate.nullable().default(null);

/** A snapshot date, or null for the latest complete snapshot. */
const SnapshotDate = IsoDate.nullable().default(null);

/** The bucket parameter: `auto | day | week | month`. */
export const BucketParam = z.enum(BUCKETS).default("auto");

/** Parameters every series query takes: the range (inclusive, open when null) and the bucket. */
export const SeriesRangeParams = z.object({ from: OptDate, to: OptDate, bucket: BucketParam });

/** The day length of one bucket step, as a DuckDB interval, for the resolved unit `r.unit`. */
const STEP = "(CASE r.unit WHEN 'day' THEN INTERVAL 1 DAY WHEN 'week' THEN INTERVAL 7 DAY ELSE INTERVAL 1 MONTH END)";

/**
 * The CTE chain of a series over the models `members` selects (a SELECT with one column `mid`; it may bind its
 * own `$params`). Binds `$from`, `$to` (DATE or null) and `$bucket`. Ends with the CTE `buckets`, one row per
 * bucket that has a snapshot listing a member, with these columns:
 * - `bucket` (first day), `unit` (resolved), `snapshots`, `first_date`, `last_date`;
 * - at the bucket's LAST snapshot (rolling and cumulative figures are never summed over time): `repos`,
 *   `downloads` (sum of 30-day counts), `likes`, `all_time` (sum of known all-time counts), `all_time_repos`;
 * - `counter_downloads`: the all-time counter's increase over the intervals ending in the bucket — the sum of
 *   derived daily downloads over the days they cover, `counter_days` — and `daily_downloads` = their ratio; an
 *   interval counts for a model only when the model is listed with an all-time count at both CONSECUTIVE complete
 *   snapshots of the range and the counter did not drop; `counter_repos` = models counted at the last snapshot;
 * - counts of member-points flagged: `new_repos` (the member's first complete snapshot), `gap_repos` (the previous
 *   complete snapshot of the range did not list it, or a whole bucket between the two has no snapshot),
 *   `decrease_repos` (its all-time counter dropped; no daily value then, never negative or zero-filled);
 * - `partial`: the range (`$from`..`$to`, else the first..last snapshot in range) starts or ends inside the bucket.
 */
export function seriesCtes(members: string): string {
  return `WITH members(mid) AS MATERIALIZED (${members}),
snaps AS (
  SELECT date, row_number() OVER (ORDER BY date) AS sn, lag(date) OVER (ORDER BY date) AS prev_date
  FROM snapshot
  WHERE status = 'complete' AND ($from::DATE IS NULL OR date >= $from::DATE) AND ($to::DATE IS NULL OR date <= $to::DATE)
),
rng AS (
  SELECT coalesce($from::DATE, min(date)) AS lo, coalesce($to::DATE, max(date)) AS hi,
    CASE WHEN $bucket::VARCHAR <> 'auto' THEN $bucket::VARCHAR
      WHEN max(date) - min(date) <= ${AUTO_DAY_MAX_DAYS} THEN 'day'
      WHEN max(date) - min(date) <= ${AUTO_WEEK_MAX_DAYS} THEN 'week'
      ELSE 'month' END AS unit
  FROM snaps
),
snap_b AS (
  SELECT n.date, n.sn, n.prev_date, date_trunc(r.unit, n.date)::DATE AS b,
    (n.prev_date IS NOT NULL AND date_trunc(r.unit, n.prev_date) < date_trunc(r.unit, n.date) - ${STEP}) AS skipped
  FROM snaps n, rng r
),
first_seen AS (
  -- maintained at load: the first complete snapshot that listed the model
  SELECT mid, first_seen AS date FROM model WHERE mid IN (SELECT mid FROM members)
),
pts AS MATERIALIZED (
  SELECT n.date, n.sn, n.prev_date, n.b, n.skipped, s.mid, s.downloads, s.downloads_all_time AS all_time, s.likes
  -- the member filter first (a semi-join on the small member set), then the snapshots of the range
  FROM (SELECT mid, date, downloads, downloads_all_time, likes FROM model_stats WHERE mid IN (SELECT mid FROM members)) s
    JOIN snap_b n ON s.date = n.date
),
marked AS (
  SELECT p.*, (f.date = p.date) AS is_first,
    (f.date < p.date AND p.prev_date IS NOT NULL AND (q.mid IS NULL OR p.skipped)) AS is_gap,
    coalesce(p.all_time < q.all_time, false) AS is_decrease,
    CASE WHEN p.all_time >= q.all_time THEN p.all_time - q.all_time END AS delta
  FROM pts p JOIN first_seen f ON f.mid = p.mid LEFT JOIN pts q ON q.mid = p.mid AND q.sn = p.sn - 1
),
per_date AS (
  SELECT date, any_value(b) AS b, any_value(prev_date) AS prev_date, count(*) AS repos,
    sum(downloads) AS downloads, sum(likes) AS likes, sum(all_time) AS all_time, count(all_time) AS all_time_repos,
    count(*) FILTER (WHERE is_first) AS new_repos, count(*) FILTER (WHERE is_gap) AS gap_repos,
    count(*) FILTER (WHERE is_decrease) AS decrease_repos, sum(delta) AS delta, count(delta) AS delta_repos
  FROM marked GROUP BY date
),
buckets AS (
  SELECT d.b AS bucket, r.unit, count(*) AS snapshots, min(d.date) AS first_date, max(d.date) AS last_date,
    arg_max_null(d.repos, d.date) AS repos, arg_max_null(d.downloads, d.date) AS downloads,
    arg_max_null(d.likes, d.date) AS likes, arg_max_null(d.all_time, d.date) AS all_time,
    arg_max_null(d.all_time_repos, d.date) AS all_time_repos,
    sum(d.delta) AS counter_downloads, sum(d.date - d.prev_date) FILTER (WHERE d.delta_repos > 0) AS counter_days,
    sum(d.delta) / nullif(sum(d.date - d.prev_date) FILTER (WHERE d.delta_repos > 0), 0) AS daily_downloads,
    arg_max_null(d.delta_repos, d.date) AS counter_repos,
    sum(d.new_repos) AS new_repos, sum(d.gap_repos) AS gap_repos, sum(d.decrease_repos) AS decrease_repos,
    (r.lo > d.b OR r.hi < CAST(d.b + ${STEP} - INTERVAL 1 DAY AS DATE)) AS partial
  FROM per_date d, rng r
  GROUP BY d.b, r.unit, r.lo, r.hi
)`;
}

/** ClickHouse: the first day of the bucket (resolved `unit`) holding the date `x` (ISO weeks start on Monday). */
const chTrunc = (x: string) => `multiIf(unit = 'day', ${x}, unit = 'week', toMonday(${x}), toStartOfMonth(${x}))`;

/**
 * ClickHouse: the complete snapshots of the range, one row each: `sd` (date), `sn` (1-based number in the range),
 * `prev_date` (the previous one in the range, NULL for the first), `unit` (resolved bucket), `lo`/`hi` (range bounds:
 * `$from`/`$to`, else the first/last snapshot), `b` (bucket start) and `skipped` (a whole bucket between the previous
 * snapshot and this one has no snapshot). 18.16 has no window functions: the numbered list is an array unnested.
 */
const CH_SNAPS = `SELECT sd, sn, prev_date, unit, lo, hi, b,
  isNotNull(prev_date) AND ${chTrunc("assumeNotNull(prev_date)")} < multiIf(unit = 'day', b - 1, unit = 'week', b - 7, subtractMonths(b, 1)) AS skipped
FROM (
  SELECT sd, sn, if(sn = 1, NULL, pd) AS prev_date, unit, lo, hi, ${chTrunc("sd")} AS b
  FROM (
    SELECT ds, unit, ifNull(toDate($from), ds[1]) AS lo, ifNull(toDate($to), ds[-1]) AS hi
    FROM (
      SELECT ds, multiIf($bucket != 'auto', $bucket, ds[-1] - ds[1] <= ${AUTO_DAY_MAX_DAYS}, 'day',
        ds[-1] - ds[1] <= ${AUTO_WEEK_MAX_DAYS}, 'week', 'month') AS unit
      FROM (SELECT (SELECT arraySort(groupArray(date)) FROM snapshot WHERE status = 'complete'
        AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to))) AS ds)
    )
  ) ARRAY JOIN ds AS sd, arrayEnumerate(ds) AS sn, arrayPopBack(arrayPushFront(ds, toDate(0))) AS pd
)`;

/**
 * ClickHouse: the members of a series whose query names its members SELECT in `clickhouseMembers`: the store runs
 * that SELECT first and binds its keys as a constant set (each shard then reads the members' statistics by primary
 * key), or, for a large set (where the primary key skips little and a long literal costs more), the SELECT itself as a
 * subquery. Pass it as the `members` of {@link clickhouseSeriesBuckets} / {@link clickhouseGroupSeries}.
 */
export const MEMBER_KEYS = "$member_keys";

/**
 * ClickHouse: the member points (a member listed at a snapshot of the range) with the snapshot's columns and the
 * member's previous point in the range: `q_listed` (the member is listed at the previous snapshot of the range) and
 * `q_all_time` (its all-time count there). No window functions in 18.16: each member's points are gathered into
 * arrays ordered by snapshot number and unnested next to the same arrays shifted by one. groupArray skips NULLs, so
 * counts travel as -1 (they are never negative). The members' statistics come from the table ordered by model.
 */
function chPoints(members: string): string {
  const sorted = (col: string) => `arraySort((x, s) -> s, groupArray(${col}), groupArray(sn0))`;
  return `SELECT key, sd, sn, prev_date, unit, lo, hi, b, skipped, downloads, all_time, likes, first_seen, q_listed,
  q_all_time
FROM (
  SELECT key, first_seen, sd, toUInt64(sn1) AS sn, nullIf(dl, -1) AS downloads, nullIf(at, -1) AS all_time,
    nullIf(lk, -1) AS likes, psn > 0 AND psn + 1 = sn1 AS q_listed, if(psn > 0 AND psn + 1 = sn1, nullIf(pat, -1), NULL) AS q_all_time
  FROM (
    SELECT key, first_seen, arraySort(groupArray(sn0)) AS sns, ${sorted("sd0")} AS sds, ${sorted("dl0")} AS dls,
      ${sorted("at0")} AS ats, ${sorted("lk0")} AS lks
    FROM (
      SELECT key, first_seen, sd AS sd0, toUInt64(sn) AS sn0, dl0, at0, lk0 FROM (
        SELECT key, date AS sd, ifNull(downloads, -1) AS dl0, ifNull(downloads_all_time, -1) AS at0,
          ifNull(likes, -1) AS lk0, first_seen
        FROM (SELECT key, date, downloads, downloads_all_time, likes FROM ${CH_STATS_BY_KEY}
          AND key GLOBAL IN ${members === MEMBER_KEYS ? MEMBER_KEYS : `(${members})`})
        ALL INNER JOIN (SELECT key, first_seen FROM model WHERE key IN ${members === MEMBER_KEYS ? MEMBER_KEYS : `(${members})`}) USING key
      ) ALL INNER JOIN (SELECT sd, sn FROM (${CH_SNAPS})) USING sd
    )
    GROUP BY key, first_seen
  )
  ARRAY JOIN sns AS sn1, sds AS sd, dls AS dl, ats AS at, lks AS lk, arrayPopBack(arrayPushFront(sns, toUInt64(0))) AS psn,
    arrayPopBack(arrayPushFront(ats, toInt64(-1))) AS pat
) ALL INNER JOIN (SELECT sd, prev_date, unit, lo, hi, b, skipped FROM (${CH_SNAPS})) USING sd`;
}

/**
 * ClickHouse (18.16) form of {@link seriesCtes} + its `buckets` CTE: a SELECT with one row per bucket and the
 * columns `b` (bucket start, a Date), `unit`, `snapshots`, `first_date`, `last_date`, `repos`, `downloads`, `likes`,
 * `all_time`, `all_time_repos`, `counter_downloads`, `counter_days`, `daily_downloads`, `counter_repos`, `new_repos`,
 * `gap_repos`, `decrease_repos`, `partial` (same meanings). `members` is a SELECT of one column `key` (lower-cased
 * model ids) that may bind its own `$params`; binds `$from`, `$to`, `$bucket`. No window functions in 18.16: the
 * previous point of a member comes from its points gathered into arrays (see chPoints); "value at the last snapshot
 * even when NULL" is argMax over a -1 sentinel (counts are never negative).
 */
export function clickhouseSeriesBuckets(members: string): string {
  return `SELECT pb AS b, any(p_unit) AS unit, count() AS snapshots, min(sd) AS first_date, max(sd) AS last_date,
  argMax(p_repos, sd) AS repos, nullIf(argMax(ifNull(p_downloads, -1), sd), -1) AS downloads,
  nullIf(argMax(ifNull(p_likes, -1), sd), -1) AS likes, nullIf(argMax(ifNull(p_all_time, -1), sd), -1) AS all_time,
  argMax(p_all_time_repos, sd) AS all_time_repos, sum(p_delta) AS counter_downloads,
  if(countIf(p_delta_repos > 0) = 0, NULL, sumIf(sd - p_prev, p_delta_repos > 0)) AS counter_days,
  counter_downloads / nullIf(counter_days, 0) AS daily_downloads, argMax(p_delta_repos, sd) AS counter_repos,
  sum(p_new) AS new_repos, sum(p_gap) AS gap_repos, sum(p_decrease) AS decrease_repos,
  any(p_lo) > pb OR any(p_hi) < multiIf(unit = 'day', pb, unit = 'week', pb + 6, addMonths(pb, 1) - 1) AS partial
FROM (
  SELECT sd, any(b) AS pb, any(unit) AS p_unit, any(lo) AS p_lo, any(hi) AS p_hi, any(prev_date) AS p_prev,
    count() AS p_repos, sum(downloads) AS p_downloads, sum(likes) AS p_likes, sum(all_time) AS p_all_time,
    count(all_time) AS p_all_time_repos, countIf(is_first) AS p_new, countIf(is_gap) AS p_gap,
    countIf(is_decrease) AS p_decrease, sum(delta) AS p_delta, count(delta) AS p_delta_repos
  FROM (
    SELECT sd, b, unit, lo, hi, prev_date, downloads, likes, all_time, first_seen = sd AS is_first,
      first_seen < sd AND isNotNull(prev_date) AND (NOT q_listed OR skipped) AS is_gap,
      ifNull(all_time < q_all_time, 0) AS is_decrease,
      if(ifNull(all_time >= q_all_time, 0), all_time - q_all_time, NULL) AS delta
    FROM (${chPoints(members)})
  )
  GROUP BY sd
)
GROUP BY pb`;
}

/**
 * The ClickHouse (18.16) group-series SQL over a members SELECT returning `key` values (lower-cased model ids; it
 * may bind its own `$params`): the counterpart of `seriesCtes(members) + GROUP_SERIES_SELECT`, same params
 * ({@link SeriesRangeParams} + the members' own), same rows ({@link GroupSeriesRow}), oldest bucket first. E.g. a
 * family series: `clickhouseGroupSeries("SELECT key FROM model WHERE …")`.
 */
export function clickhouseGroupSeries(membersSql: string): string {
  return `SELECT toString(b) AS bucket, unit, toString(first_date) AS firstDate, toString(last_date) AS lastDate,
  snapshots, repos, new_repos AS newRepos, downloads, likes, all_time AS downloadsAllTime, all_time_repos AS allTimeRepos,
  daily_downloads AS dailyDownloads, counter_downloads AS counterDownloads, counter_days AS counterDays,
  counter_repos AS counterRepos, gap_repos AS gapRepos, decrease_repos AS decreaseRepos, partial
FROM (${clickhouseSeriesBuckets(membersSql)})
ORDER BY b`;
}

/** Columns every series row shares (bucket, its dates and coverage). */
const BucketColumns = {
  bucket: z.string(),
  unit: z.enum(["day", "week", "month"]),
  firstDate: z.string(),
  lastDate: z.string(),
  snapshots: Count,
  partial: z.boolean(),
};

/** The projection of {@link seriesCtes} for a group of models (organisation, family, version), oldest first. */
export const GROUP_SERIES_SELECT = `
SELECT strftime(bucket, '%Y-%m-%d') AS bucket, unit, strftime(first_date, '%Y-%m-%d') AS firstDate,
  strftime(last_date, '%Y-%m-%d') AS lastDate, snapshots, repos, new_repos AS newRepos, downloads, likes,
  all_time AS downloadsAllTime, all_time_repos AS allTimeRepos, daily_downloads AS dailyDownloads,
  counter_downloads AS counterDownloads, counter_days AS counterDays, counter_repos AS counterRepos,
  gap_repos AS gapRepos, decrease_repos AS decreaseRepos, partial
FROM buckets ORDER BY bucket`;

/** One bucket of a group series (the row of org-series, and of any series built with GROUP_SERIES_SELECT). */
export const GroupSeriesRow = z.object({
  ...BucketColumns,
  repos: Count,
  newRepos: Count,
  downloads: Count.nullable(),
  likes: Count.nullable(),
  downloadsAllTime: Count.nullable(),
  allTimeRepos: Count,
  dailyDownloads: z.number().nullable(),
  counterDownloads: Count.nullable(),
  counterDays: Count.nullable(),
  counterRepos: Count,
  gapRepos: Count,
  decreaseRepos: Count,
});

/** A model's series: its values per bucket with the flags of its points. */
export const modelSeries = defineQuery({
  name: "model-series",
  description:
    "One model (id case-insensitive) per bucket of the complete snapshots in [from, to] (bucket auto|day|week|month; auto = day up to 31 days of snapshots, week up to 26 weeks, else month): 30-day downloads, all-time downloads and likes at the bucket's last snapshot; dailyDownloads = the all-time counter's increase between consecutive snapshots that both have it, per day (counterDownloads over counterDays); flags first (first snapshot listing the model), gap (the previous snapshot in range did not list it, or a whole bucket between has no snapshot), decrease (the all-time counter dropped: no daily value), partial (the range starts or ends inside the bucket).",
  params: SeriesRangeParams.extend({ id: z.string().min(1) }),
  sql: {
    duckdb: `${seriesCtes("SELECT mid FROM model WHERE key = lower($id)")}
SELECT strftime(bucket, '%Y-%m-%d') AS bucket, unit, strftime(first_date, '%Y-%m-%d') AS firstDate,
  strftime(last_date, '%Y-%m-%d') AS lastDate, snapshots, downloads, all_time AS downloadsAllTime, likes,
  daily_downloads AS dailyDownloads, counter_downloads AS counterDownloads, counter_days AS counterDays,
  new_repos > 0 AS first, gap_repos > 0 AS gap, decrease_repos > 0 AS decrease, partial
FROM buckets ORDER BY bucket`,
    clickhouse: `SELECT toString(b) AS bucket, unit, toString(first_date) AS firstDate, toString(last_date) AS lastDate,
  snapshots, downloads, all_time AS downloadsAllTime, likes, daily_downloads AS dailyDownloads,
  counter_downloads AS counterDownloads, counter_days AS counterDays, new_repos > 0 AS first, gap_repos > 0 AS gap,
  decrease_repos > 0 AS decrease, partial
FROM (${clickhouseSeriesBuckets("SELECT key FROM model WHERE key = lowerUTF8($id)")})
ORDER BY b`,
  },
  row: z.object({
    ...BucketColumns,
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    dailyDownloads: z.number().nullable(),
    counterDownloads: Count.nullable(),
    counterDays: Count.nullable(),
    first: z.boolean(),
    gap: z.boolean(),
    decrease: z.boolean(),
  }),
});

/** The models of an organisation (author case-insensitive), optionally only repo names matching `$match`. */
export const ORG_MEMBERS_SQL = `SELECT mid FROM model WHERE lower(author) = lower($author)
  AND ($match::VARCHAR IS NULL OR regexp_matches(substr(id, length(author) + 2), $match, 'i'))`;

/** ClickHouse form of {@link ORG_MEMBERS_SQL}: the keys of an organisation's models. */
export const CH_ORG_MEMBERS_SQL = `SELECT key FROM model WHERE lowerUTF8(author) = lowerUTF8($author)
  AND ${chMatch("substring(id, length(author) + 2)")}`;

/** An organisation's series. */
export const orgSeries = defineQuery({
  name: "org-series",
  description:
    "An organisation (Hub namespace, case-insensitive; match = case-insensitive regular expression on the repo name, as org-totals) per bucket of the complete snapshots in [from, to]: at the bucket's last snapshot the repos listed, the sum of their 30-day downloads and likes, the sum of all-time downloads where known (allTimeRepos = how many had it); newRepos first seen in the bucket; dailyDownloads from the all-time counters (see model-series), with counterRepos repos counted at the last snapshot; gapRepos and decreaseRepos count flagged repo points.",
  params: SeriesRangeParams.extend({ author: z.string().min(1), match: MatchParam }),
  sql: {
    duckdb: `${seriesCtes(ORG_MEMBERS_SQL)}${GROUP_SERIES_SELECT}`,
    clickhouse: clickhouseGroupSeries(MEMBER_KEYS),
    clickhouseMembers: CH_ORG_MEMBERS_SQL,
  },
  row: GroupSeriesRow,
});

/** The windows growth compares over, in days. */
export const GROWTH_WINDOWS = [7, 30, 90] as const;

export const GrowthWindow = z.coerce
  .number()
  .refine((n) => (GROWTH_WINDOWS as readonly number[]).includes(n), "expected a window of 7, 30 or 90 days")
  .default(30);

/** The two snapshots a growth window compares: `date` and the latest at or before `date - window`. */
export const GROWTH_DATES = `d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
b AS (SELECT max(s.date) AS date FROM snapshot s, d WHERE s.status = 'complete' AND s.date <= d.date - $window::INTEGER)`;

/**
 * ClickHouse: one row `dd` (the snapshot date, NULL when none) and `bd` (the latest complete snapshot at or before
 * `dd - $window`, NULL when none), as {@link GROWTH_DATES}.
 */
export const CH_GROWTH_DATES = `(SELECT dd, (SELECT nullIf(max(date), toDate(0)) FROM snapshot
    WHERE status = 'complete' AND date <= ${CH_SNAPSHOT_DATE_SQL} - $window) AS bd
  FROM (SELECT ${CH_SNAPSHOT_DATE_SQL} AS dd))`;

/** Which snapshots a growth window compares. */
export const growthDates = defineQuery({
  name: "growth-dates",
  description:
    "The snapshots growth compares: the snapshot at date (default latest) and the latest complete snapshot at or before date minus window days (null when there is none); days = the real distance between them.",
  params: z.object({ date: SnapshotDate, window: GrowthWindow }),
  sql: {
    duckdb: `WITH ${GROWTH_DATES}
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, d.date - b.date AS days,
  (SELECT strftime(min(date), '%Y-%m-%d') FROM snapshot WHERE status = 'complete') AS earliest
FROM d, b WHERE d.date IS NOT NULL`,
    clickhouse: `SELECT toString(dd) AS date, toString(bd) AS baseDate, dd - bd AS days,
  (SELECT toString(min(date)) FROM snapshot WHERE status = 'complete') AS earliest
FROM ${CH_GROWTH_DATES} WHERE isNotNull(dd)`,
  },
  row: z.object({ date: z.string(), baseDate: z.string().nullable(), days: Count.nullable(), earliest: z.string() }),
});

const growthParams = z.object({
  date: SnapshotDate,
  window: GrowthWindow,
  limit: z.coerce.number().int().min(1).max(10_000).default(20),
  author: z.string().min(1).nullable().default(null),
});

/** Fastest-growing models over a window. */
export const growth = defineQuery({
  name: "growth",
  description:
    "Fastest-growing models: 30-day downloads at the snapshot date (default latest) against the latest complete snapshot at or before date minus window (7, 30 or 90 days), for models listed at both with a count; change = after - before, relative = change / before (null when before is 0); ranked by change, ties by id; optionally one author. Models absent at the earlier date are in new-entrants.",
  params: growthParams,
  sql: {
    duckdb: `WITH ${GROWTH_DATES}
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, m.id, m.author,
  o.downloads AS before, n.downloads AS after, n.downloads - o.downloads AS change,
  CASE WHEN o.downloads > 0 THEN (n.downloads - o.downloads) / o.downloads END AS relative
FROM d CROSS JOIN b JOIN model_stats n ON n.date = d.date JOIN model_stats o ON o.date = b.date AND o.mid = n.mid
  JOIN model m ON m.mid = n.mid
WHERE n.downloads IS NOT NULL AND o.downloads IS NOT NULL
  AND ($author::VARCHAR IS NULL OR lower(m.author) = lower($author))
ORDER BY change DESC, m.id
LIMIT $limit`,
    clickhouse: `SELECT toString(${CH_SNAPSHOT_DATE_SQL}) AS date, toString(bd) AS baseDate, id, author, before, after,
  after - before AS change, if(before > 0, (after - before) / before, NULL) AS relative
FROM (
  SELECT key, bd, before, after FROM (
    SELECT key, downloads AS after FROM ${CH_STATS_BY_DATE} AND date = ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0)) AND isNotNull(downloads)
  ) ALL INNER JOIN (
    SELECT key, bd, downloads AS before FROM (
      SELECT key, date, downloads FROM ${CH_STATS_BY_DATE}
        AND date = ifNull((SELECT bd FROM ${CH_GROWTH_DATES}), toDate(0)) AND isNotNull(downloads)
    ) ALL INNER JOIN (SELECT bd AS date, bd FROM ${CH_GROWTH_DATES}) USING date
  ) USING key
) ALL INNER JOIN (SELECT key, id, author FROM model WHERE isNull($author) OR lowerUTF8(author) = lowerUTF8($author)) USING key
ORDER BY change DESC, id
LIMIT $limit`,
  },
  row: z.object({
    date: z.string(),
    baseDate: z.string(),
    id: z.string(),
    author: z.string(),
    before: Count,
    after: Count,
    change: Count,
    relative: z.number().nullable(),
  }),
});

/** Models listed at a snapshot but not at the start of the window. */
export const newEntrants = defineQuery({
  name: "new-entrants",
  description:
    "Models listed at the snapshot date (default latest) but absent from the latest complete snapshot at or before date minus window days, by 30-day downloads (ties by id); firstSeen = the model's first complete snapshot, so firstSeen <= baseDate means it was listed before and came back (or the earlier snapshot did not cover it).",
  params: growthParams,
  sql: {
    duckdb: `WITH ${GROWTH_DATES}
SELECT strftime(d.date, '%Y-%m-%d') AS date, strftime(b.date, '%Y-%m-%d') AS baseDate, m.id, m.author,
  n.downloads, strftime(m.first_seen, '%Y-%m-%d') AS firstSeen
FROM d CROSS JOIN b JOIN model_stats n ON n.date = d.date JOIN model m ON m.mid = n.mid
WHERE b.date IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM model_stats o WHERE o.date = b.date AND o.mid = n.mid)
  AND ($author::VARCHAR IS NULL OR lower(m.author) = lower($author))
ORDER BY n.downloads DESC NULLS LAST, m.id
LIMIT $limit`,
    clickhouse: `SELECT toString(dd) AS date, toString(bd) AS baseDate, id, author, downloads, toString(first_seen) AS firstSeen
FROM (
  SELECT key, downloads, dd, bd FROM (
    SELECT key, date, downloads FROM ${CH_STATS_BY_DATE}
      AND date = ifNull((SELECT dd FROM ${CH_GROWTH_DATES} WHERE isNotNull(bd)), toDate(0))
      AND key GLOBAL NOT IN (SELECT key FROM ${CH_STATS_BY_DATE}
        AND date = ifNull((SELECT bd FROM ${CH_GROWTH_DATES}), toDate(0)))
  ) ALL INNER JOIN (SELECT dd AS date, dd, bd FROM ${CH_GROWTH_DATES} WHERE isNotNull(bd)) USING date
) ALL INNER JOIN (SELECT key, id, author, first_seen FROM model
  WHERE isNull($author) OR lowerUTF8(author) = lowerUTF8($author)) USING key
ORDER BY downloads DESC NULLS LAST, id
LIMIT $limit`,
  },
  row: z.object({
    date: z.string(),
    baseDate: z.string(),
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    firstSeen: z.string(),
  }),
});

const concentrationParams = z.object({ date: SnapshotDate, k: z.coerce.number().int().min(1).max(10_000).default(10) });

/**
 * At the snapshot, from the roll-ups written at load (migration 008): `o` per organisation (`org` = lower(author), its
 * spelling `author` the smallest) the repos with a 30-day count and their downloads, `t` the totals over them, `p`
 * the models with the 10,000 largest counts (ties included; k is at most 10,000).
 */
const SHARES = `WITH d AS (SELECT ${SNAPSHOT_DATE_SQL} AS date),
o AS (SELECT r.org, r.author, r.repos, r.downloads::HUGEINT AS downloads FROM d JOIN rollup_org r ON r.date = d.date),
t AS (SELECT coalesce(sum(downloads), 0) AS total, coalesce(sum(repos), 0) AS models, count(*) AS orgs FROM o),
p AS (SELECT r.mid, r.downloads FROM d JOIN rollup_top r ON r.date = d.date)`;

/** ClickHouse: the snapshot date of the concentration queries (0000-00-00 when none). */
const CH_AT = `ifNull(${CH_SNAPSHOT_DATE_SQL}, toDate(0))`;

/** ClickHouse: the organisations at the snapshot (org, author, repos, downloads), from the roll-ups (migration 8). */
const CH_SHARE_ORGS = `${chRollupWhere("rollup_org_rows")} AND date = ${CH_AT}`;

/** ClickHouse: total 30-day downloads at the snapshot (0 when none). */
const CH_SHARE_TOTAL = `(SELECT ifNull(sum(downloads), 0) FROM ${CH_SHARE_ORGS})`;

/** ClickHouse: the models with the 10,000 largest 30-day counts at the snapshot (key, downloads; ties included). */
const CH_SHARE_TOP = `${CH_ROLLUP_TOP} AND date = ${CH_AT}`;

/** ClickHouse: of those, the models at or above the k-th largest count (the top k with every tie at the k-th). */
const CH_SHARE_TOP_K = `${CH_SHARE_TOP}
  AND downloads >= (SELECT ifNull(min(d), 0) FROM (SELECT downloads AS d FROM ${CH_SHARE_TOP} ORDER BY d DESC LIMIT $k))`;

/** How concentrated downloads are at a snapshot. */
export const concentration = defineQuery({
  name: "concentration",
  description:
    "At the snapshot date (default latest), over the models it lists: total 30-day downloads, the share (percent) of the top-k models and of the top-k organisations, and the Herfindahl-Hirschman index of downloads by organisation (sum of squared percentage shares, 0-10,000; above 2,500 is 'highly concentrated' in antitrust usage). A snapshot that covers only some organisations measures concentration within them.",
  params: concentrationParams,
  sql: {
    duckdb: `${SHARES},
tm AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM p ORDER BY downloads DESC LIMIT $k)),
tg AS (SELECT coalesce(sum(downloads), 0) AS downloads FROM (SELECT downloads FROM o ORDER BY downloads DESC LIMIT $k)),
-- squared shares summed smallest first: a fixed order, so the figure does not depend on how rows were scheduled
h AS (SELECT list_sum(list(sh * sh ORDER BY sh * sh)) AS hhi
  FROM (SELECT 100.0 * o.downloads / nullif(t.total, 0) AS sh FROM o, t))
SELECT strftime(d.date, '%Y-%m-%d') AS date, t.models, t.orgs, t.total AS downloads, $k::INTEGER AS k,
  tm.downloads AS topModelsDownloads, tg.downloads AS topOrgsDownloads,
  100.0 * tm.downloads / nullif(t.total, 0) AS topModelsShare, 100.0 * tg.downloads / nullif(t.total, 0) AS topOrgsShare,
  h.hhi
FROM d, t, tm, tg, h WHERE d.date IS NOT NULL`,
    // one pass over the organisations' roll-up rows; the top-k models from the top-count rows; the squared shares
    // summed smallest first as in the DuckDB form
    clickhouse: `SELECT toString(dd) AS date, models, orgs, total AS downloads, $k AS k, tm AS topModelsDownloads,
  tg AS topOrgsDownloads, 100.0 * tm / nullIf(total, 0) AS topModelsShare, 100.0 * tg / nullIf(total, 0) AS topOrgsShare,
  if(orgs = 0 OR total = 0, NULL, arraySum(arraySort(arrayMap(x -> (100.0 * x / total) * (100.0 * x / total), od)))) AS hhi
FROM (
  SELECT ${CH_SNAPSHOT_DATE_SQL} AS dd, sum(repos) AS models, count() AS orgs, sum(downloads) AS total,
    (SELECT ifNull(sum(d), 0) FROM (SELECT downloads AS d FROM ${CH_SHARE_TOP} ORDER BY d DESC LIMIT $k)) AS tm,
    arraySum(arraySlice(arrayReverseSort(groupArray(downloads)), 1, $k)) AS tg, groupArray(downloads) AS od
  FROM ${CH_SHARE_ORGS}
)
WHERE isNotNull(dd)`,
  },
  row: z.object({
    date: z.string(),
    models: Count,
    orgs: Count,
    downloads: Count,
    k: Count,
    topModelsDownloads: Count,
    topOrgsDownloads: Count,
    topModelsShare: z.number().nullable(),
    topOrgsShare: z.number().nullable(),
    hhi: z.number().nullable(),
  }),
});

/** The top-k models by share of all 30-day downloads at a snapshot. */
export const topModelShares = defineQuery({
  name: "top-model-shares",
  description:
    "The k models with the most 30-day downloads at the snapshot date (default latest; ties by id), each with its share and the cumulative share (percent) of all downloads at the snapshot.",
  params: concentrationParams,
  sql: {
    duckdb: `${SHARES},
s AS (SELECT m.id, m.author, p.downloads FROM p JOIN model m ON m.mid = p.mid),
r AS (SELECT row_number() OVER (ORDER BY downloads DESC, id) AS rank, id, author, downloads FROM s)
SELECT r.rank, r.id, r.author, r.downloads, 100.0 * r.downloads / nullif(t.total, 0) AS share,
  100.0 * sum(r.downloads) OVER (ORDER BY r.rank) / nullif(t.total, 0) AS cumulativeShare
FROM r, t WHERE r.rank <= $k ORDER BY r.rank`,
    // no window functions: the top k as arrays in rank order, numbered and summed cumulatively while unnested
    clickhouse: `SELECT rank, id, author, downloads, 100.0 * downloads / nullIf(t, 0) AS share,
  100.0 * cum / nullIf(t, 0) AS cumulativeShare
FROM (
  SELECT arraySort(x -> (-x.1, x.2), groupArray((downloads, id, author))) AS top, ${CH_SHARE_TOTAL} AS t
  FROM (
    SELECT downloads, id, author FROM (SELECT key, downloads FROM ${CH_SHARE_TOP_K})
      ALL INNER JOIN (SELECT key, id, author FROM ${chRollupWhere("model_dim_rows")} AND key IN (SELECT key FROM ${CH_SHARE_TOP_K}))
      USING key
    ORDER BY downloads DESC, id LIMIT $k
  )
)
ARRAY JOIN arrayEnumerate(top) AS rank, arrayMap(x -> x.2, top) AS id, arrayMap(x -> x.3, top) AS author,
  arrayMap(x -> x.1, top) AS downloads, arrayCumSum(arrayMap(x -> x.1, top)) AS cum
ORDER BY rank`,
  },
  row: z.object({
    rank: Count,
    id: z.string(),
    author: z.string(),
    downloads: Count,
    share: z.number().nullable(),
    cumulativeShare: z.number().nullable(),
  }),
});

/** The top-k organisations by share of all 30-day downloads at a snapshot. */
export const topOrgShares = defineQuery({
  name: "top-org-shares",
  description:
    "The k organisations (author, case-insensitive) with the most 30-day downloads summed over their models at the snapshot date (default latest; ties by name), with repos, share and cumulative share (percent).",
  params: concentrationParams,
  sql: {
    duckdb: `${SHARES},
r AS (SELECT row_number() OVER (ORDER BY downloads DESC, org) AS rank, author, repos, downloads
  FROM (SELECT org, author, repos, downloads FROM o ORDER BY downloads DESC, org LIMIT $k))
SELECT r.rank, r.author, r.repos, r.downloads, 100.0 * r.downloads / nullif(t.total, 0) AS share,
  100.0 * sum(r.downloads) OVER (ORDER BY r.rank) / nullif(t.total, 0) AS cumulativeShare
FROM r, t WHERE r.rank <= $k ORDER BY r.rank`,
    clickhouse: `SELECT rank, author, repos, downloads, 100.0 * downloads / nullIf(t, 0) AS share,
  100.0 * cum / nullIf(t, 0) AS cumulativeShare
FROM (
  SELECT arraySort(x -> (-x.1, lowerUTF8(x.2)), groupArray((downloads, author, repos))) AS top, ${CH_SHARE_TOTAL} AS t
  FROM (SELECT downloads, author, repos FROM ${CH_SHARE_ORGS} ORDER BY downloads DESC, org LIMIT $k)
)
ARRAY JOIN arrayEnumerate(top) AS rank, arrayMap(x -> x.2, top) AS author, arrayMap(x -> x.3, top) AS repos,
  arrayMap(x -> x.1, top) AS downloads, arrayCumSum(arrayMap(x -> x.1, top)) AS cum
ORDER BY rank`,
  },
  row: z.object({
    rank: Count,
    author: z.string(),
    repos: Count,
    downloads: Count,
    share: z.number().nullable(),
    cumulativeShare: z.number().nullable(),
  }),
});

/** Every query of this module, for the catalog (src/queries/index.ts). */
export const SERIES_QUERIES: ReadonlyArray<CatalogQuery<unknown, unknown>> = [
  modelSeries,
  orgSeries,
  growthDates,
  growth,
  newEntrants,
  concentration,
  topModelShares,
  topOrgShares,
] as unknown as ReadonlyArray<CatalogQuery<unknown, unknown>>;
