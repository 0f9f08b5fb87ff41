/**
 * Leaderboard imports on ClickHouse (migration 4): entries are written under a fresh load id (invisible), then the
 * snapshot rows of every (board, date) in one INSERT, which makes them visible together; superseded entries are
 * deleted afterwards. A crash before the flip leaves the previous tables answering.
 */
import { randomBytes } from "node:crypto";
import { loadedLeaderboards } from "../leaderboard-loads.js";
import type { LeaderboardLoad, LoadedLeaderboard } from "../store.js";
import type { ClickHouseConnection } from "./connection.js";
import { bind } from "./literal.js";
import { chDateTime, nextVersion } from "./load-session.js";

/** Rows per INSERT of entries. */
const BATCH = 10_000;

/** Stores the tables of `loads` atomically (see the module comment). */
export async function importLeaderboardsCh(
  conn: ClickHouseConnection,
  loads: readonly LeaderboardLoad[],
): Promise<LoadedLeaderboard[]> {
  if (loads.length === 0) return [];
  const loadId = `lb${Date.now().toString(36)}${randomBytes(4).toString("hex")}`;
  const before = new Set(
    (
      await conn.rows<{ board: string; date: string }>("SELECT board, toString(date) AS date FROM leaderboard_snapshot")
    ).map((r) => `${r.board}|${r.date}`),
  );
  let batch: Record<string, unknown>[] = [];
  for (const l of loads) {
    for (const e of l.entries) {
      batch.push({
        board: l.board,
        date: l.date,
        load_id: loadId,
        pos: e.pos,
        line: e.line,
        model: e.model,
        rank: e.rank,
        rank_lo: e.rankLo,
        rank_hi: e.rankHi,
        rank_style: e.rankStyle,
        score: e.score,
        ci_plus: e.ciPlus,
        ci_minus: e.ciMinus,
        preliminary: e.preliminary ? 1 : 0,
        votes: e.votes,
        organization: e.organization,
        license: e.license,
        url: e.url,
        knowledge_cutoff: e.knowledgeCutoff,
        price_input: e.priceInput,
        price_output: e.priceOutput,
        context: e.context,
        params_b: e.paramsB,
      });
      if (batch.length >= BATCH) {
        await conn.insert("leaderboard_entry_rows", batch);
        batch = [];
      }
    }
  }
  await conn.insert("leaderboard_entry_rows", batch);
  const version = nextVersion();
  const loadedAt = chDateTime(new Date().toISOString());
  const out = loadedLeaderboards(loads, before);
  // the flip: one INSERT (one block) makes every table of this load visible at once
  await conn.insert(
    "leaderboard_snapshot_rows",
    out.map((l) => {
      const load = loads.find((x) => x.board === l.board && x.date === l.date) as LeaderboardLoad;
      return {
        board: l.board,
        date: l.date,
        load_id: loadId,
        version,
        source: l.source,
        format: l.format,
        entries: l.entries,
        scored: l.scored,
        coverage_kind: load.coverage.kind,
        coverage_how: load.coverage.how,
        loaded_at: loadedAt,
      };
    }),
  );
  // superseded entries of the replaced tables (invisible since the flip)
  for (const board of new Set(loads.map((l) => l.board))) {
    const dates = loads.filter((l) => l.board === board).map((l) => l.date);
    await conn.command(
      bind(
        "ALTER TABLE leaderboard_entry_rows DELETE WHERE board = $board AND load_id != $load AND has(splitByChar(',', $dates), toString(date))",
        { board, load: loadId, dates: dates.join(",") },
      ),
    );
  }
  return out;
}
