/** What both stores report for a leaderboard import (one definition of the summary row). */
import type { LeaderboardLoad, LoadedLeaderboard } from "./store.js";

/** The summary of each table of `loads`; `stored` holds `board|date` of the tables that were there before. */
export function loadedLeaderboards(
  loads: readonly LeaderboardLoad[],
  stored: ReadonlySet<string>,
): LoadedLeaderboard[] {
  return loads.map((l) => ({
    board: l.board,
    date: l.date,
    source: l.source,
    format: l.format,
    entries: l.entries.length,
    scored: l.entries.filter((e) => e.score !== null).length,
    replaced: stored.has(`${l.board}|${l.date}`),
  }));
}
