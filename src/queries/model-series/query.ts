import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { BucketColumns, SeriesRangeParams } from "../params/series.js";

/** A model's series: its values per bucket with the flags of its points. */
export const modelSeries = defineQuery({
  name: "model-series",
  description:
    "One model (id case-insensitive) per bucket of the complete snapshots in [from, to] (bucket auto|day|week|month; auto = day up to 31 days of snapshots, week up to 26 weeks, else month): 30-day downloads, all-time downloads and likes at the bucket's last snapshot; dailyDownloads = the all-time counter's increase between consecutive snapshots that both have it, per day (counterDownloads over counterDays); flags first (first snapshot listing the model), gap (the previous snapshot in range did not list it, or a whole bucket between has no snapshot), decrease (the all-time counter dropped: no daily value), partial (the range starts or ends inside the bucket).",
  params: SeriesRangeParams.extend({ id: z.string().min(1) }),
  sql: sqlFiles("model-series"),
  row: z.object({
    ...BucketColumns,
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    dailyDownloads: z.number().nullable(),
    counterDownloads: Count.nullable(),
    counterDays: Count.nullable(),
    first: z.boolean(),
    gap: z.boolean(),
    decrease: z.boolean(),
  }),
});
