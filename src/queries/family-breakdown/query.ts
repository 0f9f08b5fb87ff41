import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { FamilyParams } from "../params/families.js";

/** Derivatives grouped by the relation and by the depth they were reached at. */
export const familyBreakdown = defineQuery({
  name: "family-breakdown",
  description:
    "A family's lineage derivatives grouped by the relation of the link that admitted each (finetune, adapter, quantized, merge, unknown) and by depth (1 = direct child of an official repo).",
  params: FamilyParams,
  sql: sqlFiles("family-breakdown", { clickhouseWalk: true }),
  row: z.object({ dimension: z.enum(["relation", "depth"]), value: z.string(), repos: Count, downloads: Count }),
});
