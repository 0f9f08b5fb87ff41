import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { FamilyParams } from "../params/families.js";

/** The chain of links that admitted one model into a family (empty when it is not a member). */
export const familyExplain = defineQuery({
  name: "family-explain",
  description:
    "Why a model is in a family: the chain of base-model links from an official repo down to it (each step with its relation and where the link came from), or the name rule, or nothing.",
  params: FamilyParams.extend({ id: z.string().min(1) }),
  sql: sqlFiles("family-explain", { clickhouseWalk: true }),
  row: z.object({
    step: Count,
    id: z.string(),
    depth: Count.nullable(),
    relation: z.string().nullable(),
    origin: z.string().nullable(),
    rule: z.enum(["lineage", "name"]),
  }),
});
