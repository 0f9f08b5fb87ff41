/**
 * Zod schemas of the Hub's model objects as they arrive on the wire (`GET /api/models` list items,
 * `GET /api/models/{id}` bodies) and as dumps spell them. Unknown keys are kept out of the way (passthrough
 * is not needed: the store keeps only what the schema names).
 */
import { z } from "zod";
import { IsoDate } from "../queries/common.js";

/** `gated` is `false`, `"auto"` or `"manual"`; some dumps write `true`/"False" strings. */
export const GatedSchema = z.union([z.boolean(), z.string()]);

/** `baseModels` of model info / hub-stats parquet: `{relation, models: [{id}]}`. */
export const BaseModelsSchema = z.object({
  relation: z.string().nullish(),
  models: z.array(z.object({ id: z.string() })).nullish(),
});

/**
 * One model in the Hub's wire format, the canonical *raw record* of omo: every import format and the crawler
 * produce objects of this shape (JSON Lines) before the store normalises them. Only `id` is required; numbers
 * must be non-negative integers (trendingScore may be fractional).
 */
export const HubModelSchema = z.object({
  _id: z.string().optional(),
  id: z.string().min(1),
  author: z.string().nullish(),
  downloads: z.number().int().nonnegative().nullish(),
  downloadsAllTime: z.number().int().nonnegative().nullish(),
  likes: z.number().int().nonnegative().nullish(),
  trendingScore: z.number().nullish(),
  tags: z.array(z.string()).nullish(),
  pipeline_tag: z.string().nullish(),
  library_name: z.string().nullish(),
  createdAt: z.string().nullish(),
  lastModified: z.string().nullish(),
  gated: GatedSchema.nullish(),
  private: z.boolean().nullish(),
  cardData: z.record(z.string(), z.unknown()).nullish(),
  baseModels: z.union([BaseModelsSchema, z.array(BaseModelsSchema)]).nullish(),
  /** Per-row snapshot date (YYYY-MM-DD) when a dump carries one (CSV `date` column, daily documents). */
  date: IsoDate.nullish(),
});

/** A model object in the Hub wire format (see {@link HubModelSchema}). */
export type HubModel = z.infer<typeof HubModelSchema>;

/** The list endpoint answers a JSON array of model objects. */
export const HubModelPageSchema = z.array(HubModelSchema);

/**
 * The `expand` properties omo asks the list endpoint for: everything the store keeps.
 * `baseModels` is accepted only by the single-model endpoint, so lineage comes from `base_model:` tags; `cardData`
 * is left out on purpose: it can weigh kilobytes per model (model-index, widgets), and the Hub already mirrors the
 * card's `license` and `base_model` into `license:` and `base_model:` tags.
 */
export const LIST_EXPAND = [
  "author",
  "downloads",
  "downloadsAllTime",
  "likes",
  "trendingScore",
  "tags",
  "pipeline_tag",
  "library_name",
  "createdAt",
  "lastModified",
  "gated",
  "private",
] as const;
