import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count, DateParam } from "../common.js";

/** One model's metadata and its statistics at the snapshot. */
export const modelDetail = defineQuery({
  name: "model",
  description:
    "One model (id compared case-insensitively): latest known metadata, its openness class (licence map, 'unknown' when unmapped) and its statistics at the snapshot date (default: latest).",
  params: z.object({ id: z.string().min(1), date: DateParam }),
  sql: sqlFiles("model"),
  row: z.object({
    date: z.string().nullable(),
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    trendingScore: z.number().nullable(),
    task: z.string().nullable(),
    library: z.string().nullable(),
    license: z.string().nullable(),
    licenceClass: z.string(),
    /** What the model card names as its licence (`cardData.license_name`), when `omo ingest --details` fetched it. */
    licenceName: z.string().nullable(),
    licenceLink: z.string().nullable(),
    /** The day the card was fetched. */
    cardFetched: z.string().nullable(),
    gated: z.string().nullable(),
    createdAt: z.string().nullable(),
    lastModified: z.string().nullable(),
    firstSeen: z.string(),
    lastSeen: z.string(),
    inSnapshot: z.boolean(),
    tags: z.array(z.string()).nullable(),
    baseModels: z.array(z.object({ id: z.string(), relation: z.string() })).nullable(),
  }),
});
