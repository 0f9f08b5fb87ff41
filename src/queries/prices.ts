/**
 * Catalog entries about API prices: the reviewed table shipped in `data/prices/api-prices.csv` (read in place, its
 * path bound as `$shipped`) together with LiteLLM tables imported into `price` (`omo prices import`). For each provider
 * and model the price in force at a date is the row with the latest `as_of` on or before it; an imported row wins a
 * tie with a shipped one.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { DateParam } from "./common.js";

/** Every price row, shipped and imported, in USD per 1M tokens, filtered to `$as_of`. */
const PRICE_ROWS = `WITH all_prices AS (
  SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m, round(output_per_token * 1e6, 6) AS output_per_1m,
    as_of, source, 'imported' AS origin, 1 AS rank_origin
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2
  FROM read_csv($shipped, header = true, quote = '"', escape = '"', columns = {
    'provider': 'VARCHAR', 'model': 'VARCHAR', 'input_usd_per_1m': 'DOUBLE', 'output_usd_per_1m': 'DOUBLE',
    'as_of': 'DATE', 'source': 'VARCHAR'})
),
dated AS (SELECT * FROM all_prices WHERE $as_of::DATE IS NULL OR as_of <= $as_of::DATE)`;

/**
 * ClickHouse (18.16): every price row, as `all_prices` above. A ClickHouse server cannot read the client's CSV: the
 * store loads the shipped file's rows into `shipped_price_rows` keyed by the file's content hash and binds `$shipped`
 * to that hash (src/store/clickhouse/shipped-prices.ts).
 */
const CH_ALL_PRICES = `(SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m,
    round(output_per_token * 1e6, 6) AS output_per_1m, as_of, source, 'imported' AS origin, 1 AS rank_origin
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2
  FROM shipped_price_rows FINAL WHERE hash = $shipped)`;

/** ClickHouse: {@link CH_ALL_PRICES} in force at `$as_of` (on or before it; all when null). */
const CH_DATED = `(SELECT * FROM ${CH_ALL_PRICES} WHERE isNull($as_of) OR as_of <= toDate($as_of))`;

/** ClickHouse: the output columns over a subquery of price rows. */
const CH_COLUMNS = `model, provider, input_per_1m AS inputPer1M, output_per_1m AS outputPer1M, toString(as_of) AS asOf,
  source, origin`;

const COLUMNS = `model, provider, input_per_1m AS "inputPer1M", output_per_1m AS "outputPer1M",
  strftime(as_of, '%Y-%m-%d') AS "asOf", source, origin`;

const row = z.object({
  model: z.string(),
  provider: z.string(),
  inputPer1M: z.coerce.number(),
  outputPer1M: z.coerce.number(),
  asOf: z.string(),
  source: z.string(),
  origin: z.enum(["imported", "shipped"]),
});

/** A short text filter (case-insensitive). */
const Text = z.string().min(1).max(200).nullable().default(null);

/** Prices in force at a date, filtered by provider and a model substring. */
export const priceList = defineQuery({
  name: "prices",
  description:
    "API prices in USD per 1M input / output tokens in force at `as_of` (default: the latest): for each provider and model the row with the latest date on or before it, from the reviewed table shipped in data/prices/api-prices.csv and the LiteLLM tables imported with `omo prices import` (an imported row wins a tie). `provider` matches exactly, `model` as a substring, both case-insensitively.",
  params: z.object({
    shipped: z.string().min(1),
    as_of: DateParam,
    provider: Text,
    model: Text,
    limit: z.number().int().positive().max(100_000).default(1000),
  }),
  sql: {
    duckdb: `${PRICE_ROWS}
SELECT ${COLUMNS} FROM dated
WHERE ($provider::VARCHAR IS NULL OR lower(provider) = lower($provider))
  AND ($model::VARCHAR IS NULL OR contains(lower(model), lower($model)))
QUALIFY row_number() OVER (PARTITION BY lower(provider), lower(model) ORDER BY as_of DESC, rank_origin) = 1
ORDER BY provider, model
LIMIT $limit`,
    // QUALIFY row_number() = 1 becomes LIMIT 1 BY after the same ORDER BY
    clickhouse: `SELECT ${CH_COLUMNS} FROM (
  SELECT * FROM ${CH_DATED}
  WHERE (isNull($provider) OR lowerUTF8(provider) = lowerUTF8($provider))
    AND (isNull($model) OR position(lowerUTF8(model), lowerUTF8($model)) > 0)
  ORDER BY as_of DESC, rank_origin
  LIMIT 1 BY lowerUTF8(provider), lowerUTF8(model)
)
ORDER BY provider, model
LIMIT $limit`,
  },
  row,
});

/** The price of one model (exact id, or `provider/model`) in force at a date, one row per provider. */
export const priceLookup = defineQuery({
  name: "price-lookup",
  description:
    "The price in force at `as_of` of one model named exactly (case-insensitive), as its LiteLLM key (`gpt-4`, `anyscale/meta-llama/Llama-2-70b-chat-hf`) or as provider/model (`openai/gpt-4`); one row per provider, latest date first. With `as_of` null, the latest price.",
  params: z.object({ shipped: z.string().min(1), as_of: DateParam, model: z.string().min(1).max(300) }),
  sql: {
    duckdb: `${PRICE_ROWS}
SELECT ${COLUMNS} FROM dated
WHERE lower(model) = lower($model) OR lower(provider || '/' || model) = lower($model)
QUALIFY row_number() OVER (PARTITION BY lower(provider), lower(model) ORDER BY as_of DESC, rank_origin) = 1
ORDER BY as_of DESC, rank_origin, provider`,
    clickhouse: `SELECT ${CH_COLUMNS} FROM (
  SELECT * FROM ${CH_DATED}
  WHERE lowerUTF8(model) = lowerUTF8($model) OR lowerUTF8(concat(provider, '/', model)) = lowerUTF8($model)
  ORDER BY as_of DESC, rank_origin
  LIMIT 1 BY lowerUTF8(provider), lowerUTF8(model)
)
ORDER BY as_of DESC, rank_origin, provider`,
  },
  row,
});

/** The earliest price date of a model (to explain a lookup that found nothing at a date). */
export const priceFirstDate = defineQuery({
  name: "price-first-date",
  description: "The earliest `as_of` of any price of one model (named as in price-lookup), or null when it has none.",
  params: z.object({ shipped: z.string().min(1), model: z.string().min(1).max(300) }),
  sql: {
    duckdb: `${PRICE_ROWS.replace("$as_of::DATE IS NULL OR as_of <= $as_of::DATE", "true")}
SELECT strftime(min(as_of), '%Y-%m-%d') AS "first" FROM dated
WHERE lower(model) = lower($model) OR lower(provider || '/' || model) = lower($model)`,
    clickhouse: `SELECT if(count() = 0, NULL, toString(min(as_of))) AS first FROM ${CH_ALL_PRICES}
WHERE lowerUTF8(model) = lowerUTF8($model) OR lowerUTF8(concat(provider, '/', model)) = lowerUTF8($model)`,
  },
  row: z.object({ first: z.string().nullable() }),
});
