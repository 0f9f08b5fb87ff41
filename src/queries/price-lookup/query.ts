import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { DateParam } from "../common.js";
import { IncludeRetired, row } from "../params/prices.js";

/** The price of one model (exact id, or `provider/model`) in force at a date, one row per provider. */
export const priceLookup = defineQuery({
  name: "price-lookup",
  description:
    "The price in force at `as_of` of one model named exactly (case-insensitive), as its LiteLLM key (`gpt-4`, `anyscale/meta-llama/Llama-2-70b-chat-hf`) or as provider/model (`openai/gpt-4`); one row per provider, latest date first. With `as_of` null, the price in force today. A retired model has no price in force.",
  params: z.object({
    shipped: z.string().min(1),
    as_of: DateParam,
    model: z.string().min(1).max(300),
    include_retired: IncludeRetired,
  }),
  sql: sqlFiles("price-lookup"),
  // reads current_date when no date is given
  cache: "day",
  row,
});
