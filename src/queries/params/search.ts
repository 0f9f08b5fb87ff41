/**
 * Catalog entries for search boxes: models and organisations whose id contains a text. The text is bound as `$q`
 * and compared with `contains` on lower-cased ids, so no character of it (`%`, `_`, quotes) has a meaning in SQL.
 */
import { z } from "zod";
import { DateParam } from "../common.js";

/** Search parameters: the text (1-200 characters), how many rows, and the snapshot that ranks them. */
export const SearchParams = z.object({
  q: z.string().trim().min(1).max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  date: DateParam,
});
