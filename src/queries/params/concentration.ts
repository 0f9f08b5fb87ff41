/** Parameters of the concentration queries (concentration, top-model-shares, top-org-shares). */
import { z } from "zod";
import { SnapshotDate } from "./series.js";

export const concentrationParams = z.object({
  date: SnapshotDate,
  k: z.coerce.number().int().min(1).max(10_000).default(10),
});
