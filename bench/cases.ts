/**
 * The catalog queries the store benches time, with their parameters, and how they are timed: the first 15, then the rest of what the
 * dashboard, the report and the CLI ask (issue 15: "every catalog query"). A case named `<query>-family` or
 * `<query>-task` runs `<query>` with other parameters.
 */
import { rankingParams } from "../src/answers/bodies.js";
import { findFamily, loadFamilies, officialSqlParams } from "../src/domain/families.js";
import type { CatalogQuery } from "../src/queries/catalog.js";
import { CATALOG } from "../src/queries/index.js";
import type { ClickHouseStore } from "../src/store/clickhouse/clickhouse-store.js";

/** The dates the cases name: the first snapshot (`base`), the last, and the growth window that fits between them. */
export interface CaseDates {
  base: string;
  last: string;
  window: number;
}

export async function benchCases({ base, last, window }: CaseDates): Promise<Array<[string, Record<string, unknown>]>> {
  const families = await loadFamilies();
  const llama = officialSqlParams(findFamily(families, "llama-2")).officialPattern;
  const fam = { official: llama, names: null, relations: null, depth: 50 };
  return [
    ["snapshots", {}],
    ["top-models", { limit: 20 }],
    ["model", { id: "meta-llama/Llama-2-7b-hf" }],
    ["model-history", { id: "meta-llama/Llama-2-7b-hf" }],
    ["model-series", { id: "meta-llama/Llama-2-7b-hf", bucket: "day" }],
    ["org-totals", { author: "lmsys", match: "vicuna" }],
    ["search-models", { q: "llama", limit: 20 }],
    ["family-totals", fam],
    ["family-series", { ...fam, scope: "total", bucket: "day" }],
    ["org-series", { author: "meta-llama", match: null, bucket: "day" }],
    ["growth", { window: 30, limit: 20 }],
    ["concentration", { k: 10 }],
    ["top-model-shares", { k: 10 }],
    ["top-org-shares", { k: 10 }],
    ["openness-by-class", {}],
    ["families-ranking", rankingParams(families, last)],
    ["family-breakdown", fam],
    ["family-tree", fam],
    ["family-members", { ...fam, limit: 20 }],
    ["family-explain", { ...fam, id: "TheBloke/Llama-2-7B-GGUF" }],
    ["like-for-like", { date: last, base, author: "meta-llama" }],
    ["like-for-like-family", { date: last, base, official: llama }],
    ["model-changes", { date: last, base, limit: 10 }],
    ["entrants-since", { date: last, base, limit: 10 }],
    ["new-entrants", { window, limit: 20 }],
    ["growth-dates", { window }],
    ["org-ranking", { window, limit: 50 }],
    // with a task filter org-ranking reads the roll-up by task and library (both filters: the statistics)
    ["org-ranking-task", { window, limit: 50, task: "text-generation" }],
    ["org-models", { author: "meta-llama" }],
    ["search-orgs", { q: "meta" }],
    ["model-children", { id: "meta-llama/Llama-2-7b-hf", limit: 20 }],
    ["model-facets", { dimension: "task" }],
    ["licence-drift", { limit: 50 }],
    ["openness-series", {}],
  ];
}

/** The catalog query a case runs (`<query>-family` and `<query>-task` run `<query>`). */
export function caseQuery(name: string): CatalogQuery<unknown, unknown> {
  const q = CATALOG[name.replace(/-(family|task)$/, "")];
  if (!q) throw new Error(`no catalog query ${name}`);
  return q as CatalogQuery<unknown, unknown>;
}

/** How long `run` takes, ms. */
export async function timedMs(run: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await run();
  return performance.now() - t;
}

/** The median of `xs`. */
export const median = (xs: readonly number[]): number =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** What `run` gives with `store`'s small-table lookups sent as written (constant-lookups.ts's baseline). */
export async function asWritten<T>(store: ClickHouseStore, run: () => Promise<T>): Promise<T> {
  store.lookups.enabled = false;
  try {
    return await run();
  } finally {
    store.lookups.enabled = true;
  }
}
