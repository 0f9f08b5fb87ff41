/** Migration 001: snapshots, models, per-date statistics, lineage links, crawl state. */
export const sql = `
-- 001: snapshots, models, per-date statistics, lineage links, crawl state.
-- Only snapshots with status = 'complete' are visible to the query catalog.

CREATE TABLE snapshot (
  date          DATE PRIMARY KEY,
  source        VARCHAR NOT NULL,
  status        VARCHAR NOT NULL,          -- complete (loads are atomic; in-progress crawls live in crawl_state)
  started_at    TIMESTAMP NOT NULL,
  finished_at   TIMESTAMP,
  model_count   BIGINT NOT NULL DEFAULT 0,
  downloads     BIGINT NOT NULL DEFAULT 0, -- sum of 30-day downloads, for a quick check against oracles
  malformed     BIGINT NOT NULL DEFAULT 0  -- rows skipped as malformed (non-strict imports)
);

-- Surrogate model ids (gaps after a rolled-back load are harmless).
CREATE SEQUENCE model_mid_seq START 1;

-- Latest known metadata per model; 'key' is the lower-cased repo id (the Hub compares ids case-insensitively).
CREATE TABLE model (
  mid            INTEGER NOT NULL,         -- surrogate id: keeps model_stats rows small (dates x models grows fast)
  key            VARCHAR NOT NULL,
  id             VARCHAR NOT NULL,         -- as the Hub displays it
  author         VARCHAR NOT NULL,
  created_at     TIMESTAMP,
  last_modified  TIMESTAMP,
  pipeline_tag   VARCHAR,
  library_name   VARCHAR,
  license        VARCHAR,                  -- first license: tag, else cardData.license
  gated          VARCHAR,                  -- 'false' | 'auto' | 'manual' | NULL (unknown)
  private        BOOLEAN,
  tags           VARCHAR[],
  first_seen     DATE NOT NULL,
  last_seen      DATE NOT NULL,
  meta_date      DATE NOT NULL             -- the snapshot date this metadata comes from
);

-- One row per model and snapshot date; written sorted by (date, mid) so columns compress and lookups by model
-- skip row groups.
CREATE TABLE model_stats (
  date                DATE NOT NULL,
  mid                 INTEGER NOT NULL,
  downloads           BIGINT,              -- the Hub's rolling 30-day count
  downloads_all_time  BIGINT,
  likes               BIGINT,
  trending_score      DOUBLE
);

-- Lineage: child model -> parent (base) model, from base_model tags, cardData.base_model, baseModels.
CREATE TABLE model_link (
  child_key   VARCHAR NOT NULL,
  parent_key  VARCHAR NOT NULL,            -- lower-cased parent id as written (aliases resolved later)
  parent_id   VARCHAR NOT NULL,
  relation    VARCHAR NOT NULL,            -- finetune | adapter | quantized | merge | unknown
  origin      VARCHAR NOT NULL             -- tag | typed-tag | cardData | baseModels
);

-- One row per crawl of the live API: what 'omo ingest --resume' reads.
CREATE TABLE crawl_state (
  crawl_id        VARCHAR PRIMARY KEY,
  date            DATE NOT NULL,
  endpoint        VARCHAR NOT NULL,
  params          VARCHAR NOT NULL,        -- JSON of author/search/limit/sort
  next_url        VARCHAR,                 -- NULL once the walk has finished
  pages           BIGINT NOT NULL DEFAULT 0,
  models          BIGINT NOT NULL DEFAULT 0,
  status          VARCHAR NOT NULL,        -- running | complete | failed
  started_at      TIMESTAMP NOT NULL,
  updated_at      TIMESTAMP NOT NULL,
  error           VARCHAR
);

`;
