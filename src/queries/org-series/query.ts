import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { MatchParam } from "../common.js";
import { GroupSeriesRow, SeriesRangeParams } from "../params/series.js";

/** An organisation's series. */
export const orgSeries = defineQuery({
  name: "org-series",
  description:
    "An organisation (Hub namespace, case-insensitive; match = case-insensitive regular expression on the repo name, as org-totals) per bucket of the complete snapshots in [from, to]: at the bucket's last snapshot the repos listed, the sum of their 30-day downloads and likes, the sum of all-time downloads where known (allTimeRepos = how many had it); newRepos first seen in the bucket; dailyDownloads from the all-time counters (see model-series), with counterRepos repos counted at the last snapshot; gapRepos and decreaseRepos count flagged repo points.",
  params: SeriesRangeParams.extend({ author: z.string().min(1), match: MatchParam }),
  sql: sqlFiles("org-series"),
  row: GroupSeriesRow,
});
