import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { DepthParam, Pattern, RelationsParam } from "../params/families.js";
import { GroupSeriesRow, SeriesRangeParams } from "../params/series.js";

/** A family's series: the models of the lineage walk (official, derivatives or both) over the snapshots. */
export const familySeries = defineQuery({
  name: "family-series",
  description:
    "A family per bucket of the complete snapshots in [from, to] (bucket as model-series): the members of today's lineage walk (scope total = official ∪ derivatives, or official, or derivatives) listed at each snapshot, the sum of their 30-day downloads and likes, all-time downloads where known, daily downloads from the all-time counters, new, gap and decrease counts (see org-series).",
  params: SeriesRangeParams.extend({
    official: Pattern,
    relations: RelationsParam,
    depth: DepthParam,
    scope: z.enum(["total", "official", "derivatives"]).default("total"),
  }),
  sql: sqlFiles("family-series", { clickhouseWalk: true }),
  row: GroupSeriesRow,
});
