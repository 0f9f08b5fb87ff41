import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";
import { DepthParam, Pattern, RelationsParam } from "../params/families.js";

/**
 * Parameters of {@link rankedFamilies}: the families as parallel lists (`families[i]` is the name of the family
 * whose official repos match `officials[i]`), walked with the same relations and depth.
 */
export const FamiliesRankingParams = z
  .object({
    families: z.array(z.string().min(1).max(200)).min(1).max(1000),
    officials: z.array(Pattern).min(1).max(1000),
    relations: RelationsParam,
    depth: DepthParam,
    date: DateParam,
  })
  .refine((p) => p.families.length === p.officials.length, {
    message: "officials: one official pattern per family",
    path: ["officials"],
  })
  .refine((p) => new Set(p.families).size === p.families.length, {
    message: "families: each name once",
    path: ["families"],
  });

/**
 * Every family's totals in one statement, the figures `family-totals` gives each (without name-only matches). DuckDB
 * runs the lineage walk of the family queries keyed by (family, key), seeded with every family's official repos: a
 * model reached from two families counts in each. The official repos are found in two steps, since a regex that is
 * not a constant is compiled again for each row: the keys matching any official pattern (one constant alternation of
 * all of them, one scan of `model`), then each family's own pattern on those few keys. ClickHouse reads one walk table
 * holding every family's walk (`clickhouseWalk: "families"`: a `family` column); a family without members is joined
 * as zeros.
 */
export const rankedFamilies = defineQuery({
  name: "families-ranking",
  description:
    "Every family given (name and official-repo pattern, as family-totals takes one) at the snapshot date: official repos, lineage derivatives (transitive descendants through base-model links, optionally limited by relation and depth) and their union (total), one row per family, by total downloads. A repo reached from two families counts in each. Downloads are the Hub's 30-day counts.",
  params: FamiliesRankingParams,
  sql: sqlFiles("families-ranking", { clickhouseWalk: "families" }),
  row: z.object({
    date: z.string().nullable(),
    family: z.string(),
    officialRepos: Count,
    officialDownloads: Count,
    derivativeRepos: Count,
    derivativeDownloads: Count,
    totalRepos: Count,
    totalDownloads: Count,
  }),
});
