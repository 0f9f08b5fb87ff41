/**
 * Parameter sets of the leaderboard catalog queries for the contract tests that compare stores (hostile text
 * included), and the real files they load: a cut of ../shared/data/leaderboards with every header variant.
 */
import path from "node:path";
import { SHARED } from "../helpers.js";

/** The leaderboard folder of ../shared. */
export const LEADERBOARDS = path.join(SHARED, "data/leaderboards");

/**
 * Every header variant and both scale breaks: 2023 blog tables, arena/ (three variants), 2026, arena-extra (phases B,
 * C and D: the top-30 table of 2026-08-20 without licences inherits those of 2026-07-30).
 */
export const LEADERBOARD_CUT = [
  "arena-2023",
  "arena/2024-06-19.csv",
  "arena/2024-07-07.csv",
  "arena/2024-07-31.csv",
  "arena/2024-10-16.csv",
  "arena/2025-04-06.csv",
  "arena/2025-08-04.csv",
  "arena-2026/2026-01-16.csv",
  "arena-extra/2025-10-09.csv",
  "arena-extra/2026-03-11.csv",
  "arena-extra/2026-07-30.csv",
  "arena-extra/2026-08-20.csv",
].map((p) => path.join(LEADERBOARDS, p));

/** Parameters each leaderboard query is compared with. */
export const LEADERBOARD_CASES: Array<[string, Record<string, unknown>]> = [
  ["leaderboard-snapshots", {}],
  ["leaderboard-snapshots", { board: "arena-text" }],
  ["leaderboard-snapshots", { board: "it's' \\ --" }],
  ["leaderboard-entries", { board: "arena-text" }],
  ["leaderboard-entries", { board: "arena-text", from: "2024-07-01", to: "2025-12-31" }],
  ["leaderboard-entries", { board: "arena-text", from: "2026-08-20", to: "2026-08-20" }],
  ["leaderboard-entries", { board: "nope'; DROP TABLE leaderboard_entry; --" }],
  ["leaderboard-licences-before", { board: "arena-text", date: "2025-08-04" }],
  ["leaderboard-licences-before", { board: "arena-text", date: "2026-08-20" }],
  ["leaderboard-first-seen", { board: "arena-text" }],
  ["leaderboard-organisations", { board: "arena-text" }],
  ["leaderboard-organisations", { board: "o'brien" }],
  ["leaderboard-hub-urls", {}],
  ["leaderboard-repo-candidates", { authors: "meta-llama,qwen,lmsys,google,o'brien" }],
  ["leaderboard-repo-candidates", { authors: "" }],
  ["hub-models-at", { ids: "meta-llama/Llama-2-7b-chat-hf,LMSYS/vicuna-13b-v1.5,no/such", date: "2024-07-11" }],
  ["hub-models-at", { ids: "meta-llama/Llama-2-7b-chat-hf", date: "2020-01-01" }],
];
