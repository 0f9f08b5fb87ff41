import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { FamilyParams } from "../params/families.js";

/** A family's totals: official, lineage derivatives, their union, and name-only matches apart. */
export const familyTotals = defineQuery({
  name: "family-totals",
  description:
    "A family at the snapshot date: official repos (registry rule), lineage derivatives (transitive descendants of the official repos through base-model links, optionally limited by relation and depth), their union (total), and, apart, repos admitted only by the family's name patterns. Downloads are the Hub's 30-day counts.",
  params: FamilyParams,
  sql: sqlFiles("family-totals", { clickhouseWalk: true }),
  row: z.object({
    date: z.string().nullable(),
    officialRepos: Count,
    officialDownloads: Count,
    derivativeRepos: Count,
    derivativeDownloads: Count,
    totalRepos: Count,
    totalDownloads: Count,
    nameOnlyRepos: Count,
    nameOnlyDownloads: Count,
  }),
});
