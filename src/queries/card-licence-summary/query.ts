import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";

/**
 * What the fetched cards of the snapshot's repos tagged `other`, `unknown` (or untagged) say: per licence name (null:
 * the card names none), the class the openness queries now give those repos, with repos and 30-day downloads.
 */
export const cardLicenceSummary = defineQuery({
  name: "card-licence-summary",
  description:
    "Repos listed in the snapshot whose licence tag is `other` or `unknown` (or absent) and whose model card was fetched (`omo ingest --details`), by the licence name the card states (`cardData.license_name`, lower-cased; null when it states none) and the openness class that name has in data/licences.yaml ('unknown' when the name is not mapped): repos and 30-day downloads, most downloaded first.",
  params: z.object({ date: DateParam }),
  sql: sqlFiles("card-licence-summary"),
  row: z.object({
    licenceName: z.string().nullable(),
    class: z.string(),
    repos: Count,
    downloads: Count,
  }),
});
