/**
 * Parameter sets of the usage catalog queries (usage-snapshots, usage-rows, usage-catalogue, usage-hub-repos) for the
 * contract tests that compare stores: every period, sources, ranges inside and outside the data, and hostile text.
 */
const HOSTILE = "x'; DROP TABLE usage_row; -- \\\\ \" ` é 😀";

/** Parameters each usage query is compared with. */
export const USAGE_CASES: Array<[string, Record<string, unknown>]> = [
  ["usage-snapshots", {}],
  ["usage-snapshots", { period: "week" }],
  ["usage-snapshots", { period: "7d", from: "2026-07-01" }],
  ["usage-snapshots", { period: "day", from: "2026-08-01", to: "2026-08-03" }],
  ["usage-snapshots", { source: "hanski319/openrouter-token-data" }],
  ["usage-snapshots", { source: HOSTILE }],
  ["usage-snapshots", { period: "30d", to: "2020-01-01" }],
  ["usage-rows", { period: "day" }],
  ["usage-rows", { period: "7d" }],
  ["usage-rows", { period: "7d", source: "CharlesLiuyx/Token-Economy-Tracker", from: "2026-07-11", to: "2026-07-20" }],
  ["usage-rows", { period: "week" }],
  ["usage-rows", { period: "week", from: "2025-07-07", to: "2025-07-28" }],
  ["usage-rows", { period: "30d", from: "2026-08-21" }],
  ["usage-rows", { period: "week", source: HOSTILE }],
  ["usage-catalogue", {}],
  ["usage-hub-repos", { authors: "meta-llama,lmsys,deepseek-ai,qwen,NVIDIA" }],
  ["usage-hub-repos", { authors: HOSTILE }],
  ["usage-hub-repos", { authors: "" }],
  ["usage-version", {}],
];
