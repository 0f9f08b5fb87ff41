import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { FamilyParams } from "../params/families.js";

/** The name-only matches of a family (not reached by lineage), by downloads. */
export const familyNameOnly = defineQuery({
  name: "family-name-only",
  description:
    "Repos whose id matches the family's name patterns but that are neither official nor reached through lineage links (e.g. quantizations without a base_model tag), by 30-day downloads.",
  params: FamilyParams.extend({ limit: z.coerce.number().int().min(1).max(100_000).default(20) }),
  sql: sqlFiles("family-name-only", { clickhouseWalk: true }),
  row: z.object({ id: z.string(), downloads: Count.nullable() }),
});
