import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";

/** OpenRouter's model catalogue entries as stored, newest first. */
export const usageCatalogue = defineQuery({
  name: "usage-catalogue",
  description:
    "OpenRouter's model catalogue (/api/v1/models) as imported: per date and source, each model's id, its permaslug (canonical_slug) and the Hub repo of its weights (hugging_face_id, empty for API-only models and where OpenRouter gives none). Newest first.",
  params: z.object({}),
  sql: sqlFiles("usage-catalogue"),
  row: z.object({
    source: z.string(),
    asOf: z.string(),
    id: z.string(),
    canonicalSlug: z.string().nullable(),
    huggingFaceId: z.string().nullable(),
    name: z.string().nullable(),
  }),
});
