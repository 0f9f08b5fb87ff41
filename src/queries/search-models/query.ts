import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";
import { SearchParams } from "../params/search.js";

/** Models whose id contains a text, by 30-day downloads at the snapshot. */
export const searchModels = defineQuery({
  name: "search-models",
  description:
    "Models whose id (author/name) contains the text q (case-insensitive, plain substring: no wildcards), ranked by 30-day downloads at the snapshot date (default latest; models not listed there come last), ties by id.",
  params: SearchParams,
  sql: sqlFiles("search-models"),
  row: z.object({
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    likes: Count.nullable(),
    task: z.string().nullable(),
  }),
});
