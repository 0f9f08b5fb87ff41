import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";
import { GrowthWindow } from "../params/growth.js";
import { optText } from "../params/orgs.js";

/** Organisations ranked by downloads at a snapshot, with like-for-like growth over a window. */
export const orgRanking = defineQuery({
  name: "org-ranking",
  description:
    "Organisations (Hub namespaces, case-insensitive) ranked by the sum of their repos' 30-day downloads at the snapshot date (default latest; ties by name), with repos, likes and the total over every organisation (for shares); optional filters task (pipeline_tag) and library. Growth is like for like: against the latest complete snapshot at or before date minus window (7, 30 or 90 days), over the repos listed with a count at both (commonRepos; before and after are their sums); newRepos = repos listed now but not then. Growth columns are null when there is no such snapshot.",
  params: z.object({
    date: DateParam,
    window: GrowthWindow,
    limit: z.coerce.number().int().min(1).max(10_000).default(50),
    task: optText,
    library: optText,
  }),
  sql: sqlFiles("org-ranking", { clickhouseRollupWhenNull: ["task", "library"] }),
  row: z.object({
    date: z.string().nullable(),
    baseDate: z.string().nullable(),
    author: z.string(),
    repos: Count,
    downloads: Count,
    likes: Count,
    total: Count,
    commonRepos: Count.nullable(),
    newRepos: Count.nullable(),
    before: Count.nullable(),
    after: Count.nullable(),
  }),
});
