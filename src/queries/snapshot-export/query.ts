import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { Count } from "../common.js";

/** The models of one complete snapshot, in key order, `limit` at a time after `after`. */
export const snapshotExport = defineQuery({
  name: "snapshot-export",
  description:
    "Every model of a complete snapshot, ordered by lower-cased id, with its statistics at that date, its latest known metadata (tags, licence, gating, timestamps, last date seen) and its lineage links (parent id and relation); paged with `after` (the last key of the previous page) and `limit`.",
  params: z.object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"),
    after: z.string().nullable().default(null),
    limit: z.coerce.number().int().min(1).max(1_000_000).default(50_000),
  }),
  sql: sqlFiles("snapshot-export"),
  row: z.object({
    key: z.string(),
    id: z.string(),
    author: z.string(),
    downloads: Count.nullable(),
    downloadsAllTime: Count.nullable(),
    likes: Count.nullable(),
    trendingScore: z.number().nullable(),
    createdAt: z.string().nullable(),
    lastModified: z.string().nullable(),
    /** The newest snapshot date the model is in (its metadata comes from there). */
    lastSeen: z.string(),
    pipeline_tag: z.string().nullable(),
    library_name: z.string().nullable(),
    license: z.string().nullable(),
    gated: z.string().nullable(),
    private: z.boolean().nullable(),
    // DuckDB sends the list as JSON text, ClickHouse as an array
    tags: z.preprocess((v) => (typeof v === "string" ? JSON.parse(v) : v), z.array(z.string()).nullable()),
    baseModels: z.array(z.object({ id: z.string(), relation: z.string() })).nullable(),
  }),
});
