import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { FamilyParams } from "../params/families.js";

/** A family's members, by downloads. */
export const familyMembers = defineQuery({
  name: "family-members",
  description:
    "The members of a family at the snapshot date with how each was admitted (official, or the relation, depth and parent of the link that reached it), by 30-day downloads.",
  params: FamilyParams.extend({ limit: z.coerce.number().int().min(1).max(100_000).default(20) }),
  sql: sqlFiles("family-members", { clickhouseWalk: true }),
  row: z.object({
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    depth: Count,
    relation: z.string(),
    via: z.string().nullable(),
  }),
});
