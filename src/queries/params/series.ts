/**
 * Parameters and row shapes of the series queries (model-series, org-series, family-series): a model or a group of
 * models over dated snapshots, bucketed by day, week or month. The Hub keeps no history, so every figure compares
 * omo's own complete snapshots; the SQL (the CTE chain of a series over a set of member models) is in each query's
 * folder, see src/queries/README.md.
 */
import { z } from "zod";
import { BUCKETS } from "../../domain/buckets.js";
import { Count, IsoDate } from "../common.js";

/** An optional date bound (`null` = open). */
const OptDate = IsoDate.nullable().default(null);

/** A snapshot date, or null for the latest complete snapshot. */
export const SnapshotDate = IsoDate.nullable().default(null);

/** The bucket parameter: `auto | day | week | month`. */
export const BucketParam = z.enum(BUCKETS).default("auto");

/** Parameters every series query takes: the range (inclusive, open when null) and the bucket. */
export const SeriesRangeParams = z.object({ from: OptDate, to: OptDate, bucket: BucketParam });

/** Columns every series row shares (bucket, its dates and coverage). */
export const BucketColumns = {
  bucket: z.string(),
  unit: z.enum(["day", "week", "month"]),
  firstDate: z.string(),
  lastDate: z.string(),
  snapshots: Count,
  partial: z.boolean(),
};

/** One bucket of a group series (the row of org-series and family-series). */
export const GroupSeriesRow = z.object({
  ...BucketColumns,
  repos: Count,
  newRepos: Count,
  downloads: Count.nullable(),
  likes: Count.nullable(),
  downloadsAllTime: Count.nullable(),
  allTimeRepos: Count,
  dailyDownloads: z.number().nullable(),
  counterDownloads: Count.nullable(),
  counterDays: Count.nullable(),
  counterRepos: Count,
  gapRepos: Count,
  decreaseRepos: Count,
});
