import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { FamilyParams } from "../params/families.js";

/** Children of each node, for the lineage tree view. */
export const familyTree = defineQuery({
  name: "family-tree",
  description:
    "The lineage tree of a family: for every member its parent in the walk (the link that reached it first), depth and downloads; the CLI shows the top children per node.",
  params: FamilyParams,
  sql: sqlFiles("family-tree", { clickhouseWalk: true }),
  row: z.object({
    id: z.string(),
    parent: z.string().nullable(),
    depth: Count,
    relation: z.string(),
    downloads: Count.nullable(),
    children: Count,
  }),
});
