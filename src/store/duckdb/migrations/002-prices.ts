/** Migration 002: API prices imported from LiteLLM price tables (`omo prices import`). */
export const sql = `
-- 002: API prices per token, one row per model key, provider and table date.
-- The reviewed table shipped in data/prices/api-prices.csv is read in place by the catalog queries, not copied here.
CREATE TABLE price (
  model             VARCHAR NOT NULL,   -- the LiteLLM key as written (gpt-4, anyscale/meta-llama/Llama-2-70b-chat-hf)
  provider          VARCHAR NOT NULL,   -- litellm_provider, else the key's prefix, else 'unknown'
  input_per_token   DOUBLE,             -- USD per prompt token
  output_per_token  DOUBLE,             -- USD per completion token
  as_of             DATE NOT NULL,      -- the date of the table the row comes from
  source            VARCHAR NOT NULL    -- litellm:<file name>
);
`;
