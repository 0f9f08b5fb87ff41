import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";

/** The earliest price date and the retirement day of a model (to explain a lookup that found nothing at a date). */
export const priceFirstDate = defineQuery({
  name: "price-first-date",
  description:
    "The earliest `as_of` of any price of one model (named as in price-lookup), or null when it has none, and the day it was retired (null when no source names one).",
  params: z.object({ shipped: z.string().min(1), model: z.string().min(1).max(300) }),
  sql: sqlFiles("price-first-date"),
  row: z.object({ first: z.string().nullable(), retired: z.string().nullable() }),
});
