import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { SearchParams } from "../params/search.js";

/** Organisations whose name contains a text, by their summed 30-day downloads at the snapshot. */
export const searchOrgs = defineQuery({
  name: "search-orgs",
  description:
    "Organisations (Hub namespaces, case-insensitive) whose name contains the text q (plain substring), with their repos listed at the snapshot date (default latest) and the sum of their 30-day downloads, by downloads, ties by name.",
  params: SearchParams,
  sql: sqlFiles("search-orgs"),
  row: z.object({ author: z.string(), repos: Count, downloads: Count }),
});
