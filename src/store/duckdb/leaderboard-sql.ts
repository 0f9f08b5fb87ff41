/** SQL of leaderboard imports (migration 006): every (board, date) of an import replaced in one transaction. */
import type { DuckDBConnection } from "@duckdb/node-api";
import { loadedLeaderboards } from "../leaderboard-loads.js";
import type { LeaderboardLoad, LoadedLeaderboard } from "../store.js";

/** The JSON shape of one entry row bound in `$rows`. */
const ENTRY_STRUCT = JSON.stringify({
  board: "VARCHAR",
  date: "DATE",
  pos: "INTEGER",
  line: "INTEGER",
  model: "VARCHAR",
  rank: "INTEGER",
  rankLo: "INTEGER",
  rankHi: "INTEGER",
  rankStyle: "INTEGER",
  score: "DOUBLE",
  ciPlus: "DOUBLE",
  ciMinus: "DOUBLE",
  preliminary: "BOOLEAN",
  votes: "BIGINT",
  organization: "VARCHAR",
  license: "VARCHAR",
  url: "VARCHAR",
  knowledgeCutoff: "VARCHAR",
  priceInput: "DOUBLE",
  priceOutput: "DOUBLE",
  context: "VARCHAR",
  paramsB: "DOUBLE",
});

/** The JSON shape of one table row bound in `$tables`. */
const TABLE_STRUCT = JSON.stringify({
  board: "VARCHAR",
  date: "DATE",
  source: "VARCHAR",
  format: "VARCHAR",
  entries: "INTEGER",
  scored: "INTEGER",
  coverageKind: "VARCHAR",
  coverageHow: "VARCHAR",
});

/** The (board, date) keys of the tables bound in `$tables`. */
const KEYS = `(SELECT t.board, t.date FROM (SELECT unnest(from_json($tables::JSON, '[${TABLE_STRUCT}]')) AS t))`;

/** Which of the tables bound in `$tables` are stored already. */
export const STORED_LEADERBOARDS = `SELECT board, strftime(date, '%Y-%m-%d') AS date FROM leaderboard_snapshot
WHERE (board, date) IN ${KEYS}`;

export const DELETE_LEADERBOARD_ENTRIES = `DELETE FROM leaderboard_entry WHERE (board, date) IN ${KEYS}`;
export const DELETE_LEADERBOARD_SNAPSHOTS = `DELETE FROM leaderboard_snapshot WHERE (board, date) IN ${KEYS}`;

/** Inserts every entry, given as one JSON array bound to `$rows` (one statement, however many rows). */
export const INSERT_LEADERBOARD_ENTRIES = `INSERT INTO leaderboard_entry
SELECT r.board, r.date, r.pos, r.line, r.model, r.rank, r.rankLo, r.rankHi, r.rankStyle, r.score, r.ciPlus,
  r.ciMinus, r.preliminary, r.votes, r.organization, r.license, r.url, r.knowledgeCutoff, r.priceInput, r.priceOutput,
  r.context, r.paramsB
FROM (SELECT unnest(from_json($rows::JSON, '[${ENTRY_STRUCT}]')) AS r)`;

/** Inserts the table rows bound in `$tables`. */
export const INSERT_LEADERBOARD_SNAPSHOTS = `INSERT INTO leaderboard_snapshot
SELECT t.board, t.date, t.source, t.format, t.entries, t.scored, t.coverageKind, t.coverageHow, now()::TIMESTAMP
FROM (SELECT unnest(from_json($tables::JSON, '[${TABLE_STRUCT}]')) AS t)`;

/** Replaces the stored tables of every (board, date) of `loads`, atomically (one transaction). */
export async function importLeaderboardRows(
  conn: DuckDBConnection,
  loads: readonly LeaderboardLoad[],
): Promise<LoadedLeaderboard[]> {
  const tables = JSON.stringify(
    loadedLeaderboards(loads, new Set()).map((l, i) => ({
      ...l,
      coverageKind: loads[i]?.coverage.kind,
      coverageHow: loads[i]?.coverage.how,
    })),
  );
  const rows = JSON.stringify(loads.flatMap((l) => l.entries.map((e) => ({ board: l.board, date: l.date, ...e }))));
  await conn.run("BEGIN TRANSACTION");
  try {
    const stored = await conn.runAndReadAll(STORED_LEADERBOARDS, { tables });
    const out = loadedLeaderboards(loads, new Set(stored.getRowObjectsJS().map((r) => `${r.board}|${r.date}`)));
    await conn.run(DELETE_LEADERBOARD_ENTRIES, { tables });
    await conn.run(DELETE_LEADERBOARD_SNAPSHOTS, { tables });
    await conn.run(INSERT_LEADERBOARD_SNAPSHOTS, { tables });
    await conn.run(INSERT_LEADERBOARD_ENTRIES, { rows });
    await conn.run("COMMIT");
    return out;
  } catch (err) {
    await conn.run("ROLLBACK");
    throw err;
  }
}
