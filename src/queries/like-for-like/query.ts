import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, IsoDate, MatchParam } from "../common.js";
import { DepthParam, RelationsParam } from "../params/families.js";

/**
 * Like for like: the models listed (with a 30-day count) at both snapshots, in a scope (every model, a family, an
 * organisation), with their summed downloads at each date, and the pair holding the largest count at each date (to
 * name a model that dominates the comparison). What "the change since" means whenever two snapshots' coverage may
 * differ: never the difference of two totals over different sets of models.
 */
export const likeForLike = defineQuery({
  name: "like-for-like",
  description:
    "The models listed with a 30-day download count at both snapshots base and date (like for like), optionally only a family's members (official pattern, relations and depth as family-totals) or an organisation's repos (author, case-insensitive; match = regex on the repo name): how many, their summed downloads at base (before) and at date (after), and the model with the most downloads at base (topBefore*) and at date (topAfter*, ties by lower-cased id) with its two counts.",
  params: z.object({
    date: IsoDate,
    base: IsoDate,
    official: z.string().min(1).max(4000).nullable().default(null),
    relations: RelationsParam,
    depth: DepthParam,
    author: z.string().min(1).max(200).nullable().default(null),
    match: MatchParam,
  }),
  sql: sqlFiles("like-for-like", { clickhouseWalk: true }),
  row: z.object({
    models: Count,
    before: Count,
    after: Count,
    topBeforeId: z.string().nullable(),
    topBeforeBefore: Count,
    topBeforeAfter: Count,
    topAfterId: z.string().nullable(),
    topAfterBefore: Count,
    topAfterAfter: Count,
  }),
});
