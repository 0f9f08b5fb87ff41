import { z } from "zod";
import { defineQuery, sqlFiles } from "../catalog.js";
import { DateParam } from "../common.js";
import { IncludeRetired, row, Text } from "../params/prices.js";

/** Prices in force at a date, filtered by provider and a model substring. */
export const priceList = defineQuery({
  name: "prices",
  description:
    "API prices in USD per 1M input / output tokens in force at `as_of` (default: today): for each provider and model the row with the latest date on or before it, from the reviewed table shipped in data/prices/api-prices.csv and the LiteLLM and Portkey tables imported with `omo prices import` (an imported row wins a tie). A model retired on or before the date (the shipped `retired` column, LiteLLM's deprecation_date) is not in force and is left out unless `include_retired`. `provider` matches exactly, `model` as a substring, both case-insensitively.",
  params: z.object({
    shipped: z.string().min(1),
    as_of: DateParam,
    provider: Text,
    model: Text,
    include_retired: IncludeRetired,
    limit: z.number().int().positive().max(100_000).default(1000),
  }),
  sql: sqlFiles("prices"),
  // reads current_date when no date is given
  cache: "day",
  row,
});
