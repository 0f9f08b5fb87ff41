/** Catalog entries about single models and rankings of models. */
import { z } from "zod";
import { Count } from "../common.js";

export const optText = z.string().min(1).nullable().default(null);

/** Columns every model row shares. Metadata is the latest known; statistics are those of the snapshot. */
export const ModelRow = z.object({
  date: z.string(),
  id: z.string(),
  author: z.string(),
  downloads: Count.nullable(),
  likes: Count.nullable(),
  task: z.string().nullable(),
  library: z.string().nullable(),
  license: z.string().nullable(),
});
