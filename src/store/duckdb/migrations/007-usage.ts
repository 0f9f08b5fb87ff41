/** Migration 007: token usage snapshots (OpenRouter rankings) and OpenRouter's model catalogue (`omo usage import`). */
export const sql = `
-- 007: one row per usage snapshot: a source's figures for one period (day | 7d | week | 30d) and date, with the
-- coverage of what it names (every model, or the top N with or without the total of the rest).
CREATE TABLE usage_snapshot (
  snapshot_id       VARCHAR PRIMARY KEY,   -- source|endpoint|period|date: re-loading it (from any file) replaces it
  source            VARCHAR NOT NULL,      -- the scraper repository, e.g. hashd1ve/openrouter-pulse
  endpoint          VARCHAR NOT NULL,      -- what it scraped, e.g. rankings/models?view=day, model-rankings-chart
  period            VARCHAR NOT NULL,      -- day | 7d (trailing, ending on date) | week (starting Monday date) | 30d
  date              DATE NOT NULL,
  window_start      DATE NOT NULL,
  window_end        DATE NOT NULL,
  fetched_at        TIMESTAMP,             -- capture time when known
  status            VARCHAR,               -- settled | recent | partial_week_in_progress | first_point_of_capture_… | NULL
  coverage_kind     VARCHAR NOT NULL,      -- full | partial
  coverage_how      VARCHAR NOT NULL,
  models            INTEGER NOT NULL,      -- model rows named
  top_n             INTEGER,               -- N when only the top N are named
  total_known       BOOLEAN NOT NULL,
  total_tokens      BIGINT,                -- every model's tokens (named + remainder) when known
  remainder_tokens  BIGINT,                -- the unnamed rest (Others, week total - top N) when known; 0 when full
  named_tokens      BIGINT NOT NULL,
  preference        BIGINT NOT NULL,       -- which snapshot answers for a period and date when several do (largest)
  file              VARCHAR NOT NULL,      -- the file it was loaded from
  loaded_at         TIMESTAMP NOT NULL
);
CREATE TABLE usage_row (
  snapshot_id       VARCHAR NOT NULL,
  model             VARCHAR NOT NULL,      -- the id as the source gives it (permaslug), without a :variant suffix
  variant           VARCHAR NOT NULL,      -- standard | free | batch | thinking | beta | ...
  tokens            BIGINT NOT NULL,       -- prompt + completion, as published
  prompt_tokens     BIGINT,
  completion_tokens BIGINT,
  reasoning_tokens  BIGINT,
  requests          BIGINT,
  last_date         DATE                   -- the model's last day with traffic, when the source gives it
);
CREATE INDEX usage_row_snapshot ON usage_row (snapshot_id);
-- OpenRouter's model catalogue (/api/v1/models) at a date: the permaslug, and the Hub repo of the weights when given.
CREATE TABLE usage_catalogue (
  source            VARCHAR NOT NULL,
  as_of             DATE NOT NULL,
  id                VARCHAR NOT NULL,
  canonical_slug    VARCHAR,
  hugging_face_id   VARCHAR,
  name              VARCHAR,
  file              VARCHAR NOT NULL
);
`;
