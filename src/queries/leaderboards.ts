/**
 * Catalog entries about leaderboards (`omo leaderboard`): the stored tables, their rows as the sources wrote them,
 * the licence history a row with an empty label inherits from, when each name was first listed, the Hub URLs the
 * tables give, and the Hub repos names are matched against. Who is open, the gap and the frontier are computed from
 * these rows by src/domain/leaderboard-gap.ts (the reviewed rules live in data/leaderboards/).
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { CH_STATS_BY_DATE, Count, IsoDate } from "./common.js";

const Board = z.string().min(1).max(64);
const OptDate = IsoDate.nullable().default(null);
/** A list of lower-case names joined by commas (Hub authors, repo ids: neither contains a comma). */
const NameList = z
  .string()
  .max(2_000_000)
  .transform((s) => s.toLowerCase());

/** The Hub repo id pattern (RE2 and JavaScript), as src/domain/model-names.ts HUB_REPO_ID. */
const REPO_RE = "^[A-Za-z0-9][A-Za-z0-9._-]*/[A-Za-z0-9._-]+$";

/** Every stored leaderboard table. */
export const leaderboardSnapshots = defineQuery({
  name: "leaderboard-snapshots",
  description:
    "Every stored leaderboard table (`omo leaderboard import`): board, date, the file it came from, its header variant, entries and entries with a score, and its coverage (full, or partial with how); optionally one board. Ordered by board and date.",
  params: z.object({ board: Board.nullable().default(null) }),
  sql: {
    duckdb: `SELECT board, strftime(date, '%Y-%m-%d') AS date, source, format, entries, scored,
  coverage_kind AS "coverageKind", coverage_how AS "coverageHow"
FROM leaderboard_snapshot WHERE $board::VARCHAR IS NULL OR board = $board
ORDER BY board, date`,
    clickhouse: `SELECT board, toString(d) AS date, source, format, entries, scored, coverage_kind AS coverageKind,
  coverage_how AS coverageHow
FROM (SELECT board, date AS d, source, format, entries, scored, coverage_kind, coverage_how FROM leaderboard_snapshot
  WHERE isNull($board) OR board = $board)
ORDER BY board, d`,
  },
  row: z.object({
    board: z.string(),
    date: z.string(),
    source: z.string(),
    format: z.string(),
    entries: Count,
    scored: Count,
    coverageKind: z.enum(["full", "partial"]),
    coverageHow: z.string(),
  }),
});

/**
 * Columns of an entry. Decimals are rounded to 6 places: ClickHouse 18.16 parses some decimal texts to the
 * neighbouring double (4.94 → 4.9399999999999995), so both stores round to answer the same numbers.
 */
const ENTRY_COLUMNS = `pos, model, rank, rank_lo AS "rankLo", rank_hi AS "rankHi", rank_style AS "rankStyle",
  round(score, 6) AS score, round(ci_plus, 6) AS "ciPlus", round(ci_minus, 6) AS "ciMinus", preliminary, votes,
  organization, license, url, round(price_input, 6) AS "priceInput", round(price_output, 6) AS "priceOutput", context,
  round(params_b, 6) AS "paramsB"`;

/** The rows of a board's tables in a date range. */
export const leaderboardEntries = defineQuery({
  name: "leaderboard-entries",
  description:
    "The rows of a board's stored tables from `from` to `to` (either may be null: no bound), as the source wrote them: row order, model name, ranks, score with its 95 % confidence interval (+/- half-widths), votes, organisation, licence label, URL, listed price (USD per 1M input/output tokens), context, parameters. Ordered by date and row.",
  params: z.object({ board: Board, from: OptDate, to: OptDate }),
  sql: {
    duckdb: `SELECT strftime(date, '%Y-%m-%d') AS date, ${ENTRY_COLUMNS}
FROM leaderboard_entry
WHERE board = $board AND ($from::DATE IS NULL OR date >= $from::DATE) AND ($to::DATE IS NULL OR date <= $to::DATE)
ORDER BY date, pos`,
    clickhouse: `SELECT toString(d) AS date, ${ENTRY_COLUMNS.replace(/"/g, "")}
FROM (SELECT date AS d, * FROM leaderboard_entry
  WHERE board = $board AND (isNull($from) OR date >= toDate($from)) AND (isNull($to) OR date <= toDate($to)))
ORDER BY d, pos`,
  },
  row: z.object({
    date: z.string(),
    pos: Count,
    model: z.string(),
    rank: Count.nullable(),
    rankLo: Count.nullable(),
    rankHi: Count.nullable(),
    rankStyle: Count.nullable(),
    score: z.number().nullable(),
    ciPlus: z.number().nullable(),
    ciMinus: z.number().nullable(),
    preliminary: z.boolean(),
    votes: Count.nullable(),
    organization: z.string().nullable(),
    license: z.string().nullable(),
    url: z.string().nullable(),
    priceInput: z.number().nullable(),
    priceOutput: z.number().nullable(),
    context: z.string().nullable(),
    paramsB: z.number().nullable(),
  }),
});

/** Each licence label a name carried before a date, with the last date it did. */
export const leaderboardLicencesBefore = defineQuery({
  name: "leaderboard-licences-before",
  description:
    "For each model name of a board and each licence label it carried on a table strictly before `date`, the last such date (what a row whose label says nothing inherits: the latest informative label of the same name).",
  params: z.object({ board: Board, date: IsoDate }),
  sql: {
    duckdb: `SELECT model, license, strftime(max(date), '%Y-%m-%d') AS date FROM leaderboard_entry
WHERE board = $board AND date < $date::DATE AND license IS NOT NULL
GROUP BY model, license ORDER BY model, date, license`,
    // 18.16 does not apply isNotNull(license) through the view's filter here: NULL is grouped as '' and dropped after
    // (the importer stores an empty cell as NULL, never as '')
    clickhouse: `SELECT model, lic AS license, toString(last) AS date
FROM (SELECT model, ifNull(license, '') AS lic, max(date) AS last FROM leaderboard_entry
  WHERE board = $board AND date < toDate($date) GROUP BY model, lic)
WHERE lic != ''
ORDER BY model, last, license`,
  },
  row: z.object({ model: z.string(), license: z.string(), date: z.string() }),
});

/** The organisation each name of a board carries on its latest row that names one. */
export const leaderboardOrganisations = defineQuery({
  name: "leaderboard-organisations",
  description:
    "For each model name of a board, the organisation its latest row with an organisation names (over every stored table of the board): what a row without one (the 2023 blog tables, the top-30 tables of 2026-08) is attributed to.",
  params: z.object({ board: Board }),
  sql: {
    duckdb: `SELECT model, arg_max(organization, date) AS organization FROM leaderboard_entry
WHERE board = $board AND organization IS NOT NULL
GROUP BY model ORDER BY model`,
    clickhouse: `SELECT model, argMax(org, date) AS organization
FROM (SELECT model, ifNull(organization, '') AS org, date FROM leaderboard_entry WHERE board = $board)
WHERE org != ''
GROUP BY model ORDER BY model`,
  },
  row: z.object({ model: z.string(), organization: z.string() }),
});

/** When each name of a board was first listed. */
export const leaderboardFirstSeen = defineQuery({
  name: "leaderboard-first-seen",
  description:
    "The first date each model name appears on a stored table of the board (the board's own record of when a model became available to vote on; bounded by the first stored table).",
  params: z.object({ board: Board }),
  sql: {
    duckdb: `SELECT model, strftime(min(date), '%Y-%m-%d') AS first FROM leaderboard_entry WHERE board = $board
GROUP BY model ORDER BY model`,
    clickhouse: `SELECT model, toString(f) AS first
FROM (SELECT model, min(date) AS f FROM leaderboard_entry WHERE board = $board GROUP BY model) ORDER BY model`,
  },
  row: z.object({ model: z.string(), first: z.string() }),
});

/** Names whose rows link a huggingface.co page, with the first date they did. */
export const leaderboardHubUrls = defineQuery({
  name: "leaderboard-hub-urls",
  description:
    "Every (board, model name, URL) where a stored leaderboard row links a huggingface.co page, with the first date it did (what the same-name-url matching rule reads).",
  params: z.object({}),
  sql: {
    duckdb: `SELECT board, model, url, strftime(min(date), '%Y-%m-%d') AS first FROM leaderboard_entry
WHERE url LIKE '%huggingface.co/%'
GROUP BY board, model, url ORDER BY first, board, model, url`,
    clickhouse: `SELECT board, model, url, toString(f) AS first
FROM (SELECT board, model, assumeNotNull(url) AS url, min(date) AS f FROM leaderboard_entry
  WHERE url LIKE '%huggingface.co/%' GROUP BY board, model, url)
ORDER BY f, board, model, url`,
  },
  row: z.object({ board: z.string(), model: z.string(), url: z.string(), first: z.string() }),
});

/** Known Hub repos of some namespaces: the stored Hub models and the repos the leaderboards list by id. */
export const leaderboardRepoCandidates = defineQuery({
  name: "leaderboard-repo-candidates",
  description:
    "Repo ids under the given Hub namespaces (`authors`: lower-case, comma-separated) known to the store: every model of any stored Hub snapshot, and every leaderboard row whose model name is a repo id (the Open LLM Leaderboards). What the normalised-name matching rule compares leaderboard names with.",
  params: z.object({ authors: NameList }),
  sql: {
    duckdb: `SELECT id FROM (
  SELECT id FROM model WHERE list_contains(string_split($authors, ','), lower(author))
  UNION
  SELECT model AS id FROM leaderboard_entry
  WHERE regexp_matches(model, '${REPO_RE}') AND list_contains(string_split($authors, ','), lower(split_part(model, '/', 1)))
) ORDER BY id`,
    clickhouse: `SELECT id FROM (
  SELECT id FROM model WHERE has(splitByChar(',', $authors), lowerUTF8(author))
  UNION ALL
  SELECT model AS id FROM leaderboard_entry
  WHERE match(model, '${REPO_RE}') AND has(splitByChar(',', $authors), lowerUTF8(splitByChar('/', model)[1]))
) GROUP BY id ORDER BY id`,
  },
  row: z.object({ id: z.string() }),
});

/** The statistics of some repos at one Hub snapshot. */
export const hubModelsAt = defineQuery({
  name: "hub-models-at",
  description:
    "30-day downloads, likes and licence at the Hub snapshot `date` of the repos `ids` (comma-separated, case-insensitive); repos not listed in that snapshot are absent.",
  params: z.object({ ids: NameList, date: IsoDate }),
  sql: {
    duckdb: `SELECT m.id, s.downloads, s.likes, m.license
FROM model m JOIN model_stats s ON s.mid = m.mid AND s.date = $date::DATE
WHERE list_contains(string_split($ids, ','), m.key)
ORDER BY m.id`,
    clickhouse: `SELECT id, downloads, likes, license
FROM (SELECT key, downloads, likes FROM ${CH_STATS_BY_DATE} AND date = ifNull(toDate($date), toDate(0)) AND has(splitByChar(',', $ids), key))
ALL INNER JOIN (SELECT key, id, license FROM model WHERE has(splitByChar(',', $ids), key)) USING key
ORDER BY id`,
  },
  row: z.object({
    id: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    license: z.string().nullable(),
  }),
});

/** The leaderboard queries, for the catalog. */
export const LEADERBOARD_QUERIES = [
  leaderboardSnapshots,
  leaderboardEntries,
  leaderboardLicencesBefore,
  leaderboardOrganisations,
  leaderboardFirstSeen,
  leaderboardHubUrls,
  leaderboardRepoCandidates,
  hubModelsAt,
] as const;
