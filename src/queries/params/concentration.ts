/** Parameters of the concentration queries (concentration, top-model-shares, top-org-shares). */
import { z } from "zod";
import { SnapshotDate } from "./series.js";

/**
 * The largest k the concentration queries take; the stores' roll-ups keep every count at or above the k-th largest of
 * a date for this k (src/store/duckdb/rollup-sql.ts, src/store/clickhouse/rollups.ts), so raising it means rebuilding
 * them.
 */
export const TOP_K_MAX = 10_000;

export const concentrationParams = z.object({
  date: SnapshotDate,
  k: z.coerce.number().int().min(1).max(TOP_K_MAX).default(10),
});
