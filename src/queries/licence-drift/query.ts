import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";
import { RELATIONS } from "../params/families.js";
import { FamilyScope, optText } from "../params/openness.js";

/** Derivatives whose licence differs from their base model's, counted by from → to. */
export const licenceDrift = defineQuery({
  name: "licence-drift",
  description:
    "Lineage derivatives listed in the snapshot whose licence differs from their base model's (model_link child → parent, both in the store; licences lower-cased, '(none)' when absent), counted by base licence → derivative licence with their classes and 30-day downloads. A derivative with several bases counts once per distinct base licence. derivatives / changedDerivatives are the totals over all derivatives considered (one row with null pair columns when none changed). Optional filters: task, family (the derivative must be a member), relation (default: every stated relation, not omo's reupload name rule).",
  params: z.object({
    date: DateParam,
    task: optText,
    ...FamilyScope,
    relation: z.enum(RELATIONS).nullable().default(null),
    limit: z.coerce.number().int().min(1).max(10_000).default(50),
  }),
  sql: sqlFiles("licence-drift", { clickhouseWalk: true }),
  row: z.object({
    date: z.string().nullable(),
    fromLicence: z.string().nullable(),
    fromClass: z.string().nullable(),
    toLicence: z.string().nullable(),
    toClass: z.string().nullable(),
    repos: Count.nullable(),
    downloads: Count.nullable(),
    derivatives: Count,
    changedDerivatives: Count,
  }),
});
