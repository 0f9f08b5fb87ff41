import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Filters, UsageSnapshotRow } from "../params/usage.js";

/** Every stored usage snapshot the filters select, with its coverage and whether it answers for its date. */
export const usageSnapshots = defineQuery({
  name: "usage-snapshots",
  description:
    "Stored token-usage snapshots (OpenRouter rankings): source, period (day, 7d trailing, week from Monday, 30d trailing), date and window, capture time and status, coverage (full = every model named; partial = only the top N, with or without the total of the rest), total, named and remainder tokens. `chosen` marks the snapshot that answers for its period and date when several do (largest preference: full coverage, a known total, a settled capture, the source's rank, the later capture). Optional filters: period, source, from, to.",
  params: z.object(Filters),
  sql: sqlFiles("usage-snapshots"),
  row: UsageSnapshotRow,
});
