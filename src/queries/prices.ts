/**
 * Catalog entries about API prices: the reviewed table shipped in `data/prices/api-prices.csv` (read in place, its
 * path bound as `$shipped`) together with the tables imported into `price` (`omo prices import`: LiteLLM and Portkey).
 * For each provider and model the price in force at a date is the row with the latest `as_of` on or before it; an
 * imported row wins a tie with a shipped one. A model is RETIRED from the day any of its rows names (the shipped
 * `retired` column, LiteLLM's `deprecation_date`): from that day none of its prices is in force.
 */
import { z } from "zod";
import { defineQuery } from "./catalog.js";
import { DateParam } from "./common.js";

/**
 * The shipped table as DuckDB reads it (`$shipped`: its path): the one reading of the file. The DuckDB queries read
 * it in place; the ClickHouse store runs the same reader on an in-process DuckDB to copy the rows to the server
 * (src/store/clickhouse/shipped-prices.ts), so empty cells, quoting and types come out the same on both stores.
 */
export const SHIPPED_PRICES_CSV = `read_csv($shipped, header = true, quote = '"', escape = '"', columns = {
    'provider': 'VARCHAR', 'model': 'VARCHAR', 'input_usd_per_1m': 'DOUBLE', 'output_usd_per_1m': 'DOUBLE',
    'as_of': 'DATE', 'source': 'VARCHAR', 'retired': 'DATE'})`;

/**
 * Every price row, shipped and imported, in USD per 1M tokens, each with the retirement day of its provider and model
 * (the latest any row names), as `priced`; nothing is filtered yet.
 */
const PRICE_ROWS = `WITH all_prices AS (
  SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m, round(output_per_token * 1e6, 6) AS output_per_1m,
    as_of, source, 'imported' AS origin, 1 AS rank_origin, deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM ${SHIPPED_PRICES_CSV}
),
priced AS (
  SELECT * EXCLUDE (retired), max(retired) OVER (PARTITION BY lower(provider), lower(model)) AS retired FROM all_prices
)`;

/** DuckDB: the rows dated on or before `$as_of` (all when null) and, unless `$include_retired`, not retired then. */
const DATED = `dated AS (
  SELECT * FROM priced WHERE ($as_of::DATE IS NULL OR as_of <= $as_of::DATE)
    AND ($include_retired::BOOLEAN OR retired IS NULL OR retired > coalesce($as_of::DATE, current_date))
)`;

/**
 * ClickHouse (18.16): every price row, as `all_prices` above. A ClickHouse server cannot read the client's CSV: the
 * store copies the rows {@link SHIPPED_PRICES_CSV} reads into `shipped_price_rows` keyed by the file's content hash
 * and binds `$shipped` to that hash (src/store/clickhouse/shipped-prices.ts).
 */
const CH_ALL_PRICES = `(SELECT model, provider, round(input_per_token * 1e6, 6) AS input_per_1m,
    round(output_per_token * 1e6, 6) AS output_per_1m, as_of, source, 'imported' AS origin, 1 AS rank_origin,
    deprecation_date AS retired
  FROM price
  UNION ALL
  SELECT model, provider, input_usd_per_1m, output_usd_per_1m, as_of, source, 'shipped', 2, retired
  FROM shipped_price_rows FINAL WHERE hash = $shipped)`;

/** ClickHouse: {@link CH_ALL_PRICES} with the retirement day of each provider and model (no window functions: a join). */
const CH_PRICED = `(SELECT model, provider, input_per_1m, output_per_1m, as_of, source, origin, rank_origin, retired FROM (
    SELECT model, provider, input_per_1m, output_per_1m, as_of, source, origin, rank_origin,
      lowerUTF8(provider) AS p, lowerUTF8(model) AS m FROM ${CH_ALL_PRICES}
  ) ALL LEFT JOIN (
    SELECT lowerUTF8(provider) AS p, lowerUTF8(model) AS m, max(retired) AS retired FROM ${CH_ALL_PRICES} GROUP BY p, m
  ) USING p, m)`;

/** ClickHouse: {@link CH_PRICED} in force at `$as_of` (on or before it; all when null), as {@link DATED}. */
const CH_DATED = `(SELECT * FROM ${CH_PRICED} WHERE (isNull($as_of) OR as_of <= toDate($as_of))
  AND ($include_retired OR isNull(retired) OR retired > ifNull(toDate($as_of), today())))`;

/** ClickHouse: the output columns over a subquery of price rows. */
const CH_COLUMNS = `model, provider, input_per_1m AS inputPer1M, output_per_1m AS outputPer1M, toString(as_of) AS asOf,
  source, origin, toString(retired) AS retired`;

const COLUMNS = `model, provider, input_per_1m AS "inputPer1M", output_per_1m AS "outputPer1M",
  strftime(as_of, '%Y-%m-%d') AS "asOf", source, origin, strftime(retired, '%Y-%m-%d') AS retired`;

const row = z.object({
  model: z.string(),
  provider: z.string(),
  inputPer1M: z.coerce.number(),
  outputPer1M: z.coerce.number(),
  asOf: z.string(),
  source: z.string(),
  origin: z.enum(["imported", "shipped"]),
  /** The day the model was (or will be) retired, when a source names one. */
  retired: z.string().nullable(),
});

/** A short text filter (case-insensitive). */
const Text = z.string().min(1).max(200).nullable().default(null);

/** Whether rows of retired models are listed too (flagged by `retired`). */
const IncludeRetired = z.boolean().default(false);

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
  sql: {
    duckdb: `${PRICE_ROWS},
${DATED}
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
    "The price in force at `as_of` of one model named exactly (case-insensitive), as its LiteLLM key (`gpt-4`, `anyscale/meta-llama/Llama-2-70b-chat-hf`) or as provider/model (`openai/gpt-4`); one row per provider, latest date first. With `as_of` null, the price in force today. A retired model has no price in force.",
  params: z.object({
    shipped: z.string().min(1),
    as_of: DateParam,
    model: z.string().min(1).max(300),
    include_retired: IncludeRetired,
  }),
  sql: {
    duckdb: `${PRICE_ROWS},
${DATED}
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

/** The earliest price date and the retirement day of a model (to explain a lookup that found nothing at a date). */
export const priceFirstDate = defineQuery({
  name: "price-first-date",
  description:
    "The earliest `as_of` of any price of one model (named as in price-lookup), or null when it has none, and the day it was retired (null when no source names one).",
  params: z.object({ shipped: z.string().min(1), model: z.string().min(1).max(300) }),
  sql: {
    duckdb: `${PRICE_ROWS}
SELECT strftime(min(as_of), '%Y-%m-%d') AS "first", strftime(max(retired), '%Y-%m-%d') AS retired FROM priced
WHERE lower(model) = lower($model) OR lower(provider || '/' || model) = lower($model)`,
    clickhouse: `SELECT if(count() = 0, NULL, toString(min(as_of))) AS first, toString(max(retired)) AS retired
FROM ${CH_ALL_PRICES}
WHERE lowerUTF8(model) = lowerUTF8($model) OR lowerUTF8(concat(provider, '/', model)) = lowerUTF8($model)`,
  },
  row: z.object({ first: z.string().nullable(), retired: z.string().nullable() }),
});
