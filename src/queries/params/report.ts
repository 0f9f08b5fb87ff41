/**
 * Catalog entries the report and the claim checks add: the snapshot nearest to a date (claims name dates that need
 * not be snapshot dates), and what changed between two given snapshots.
 */
import { z } from "zod";
import { IsoDate } from "../common.js";

export const betweenParams = z.object({
  date: IsoDate,
  base: IsoDate,
  limit: z.coerce.number().int().min(1).max(10_000).default(10),
});
