/** Migration 006: dated leaderboard tables (`omo leaderboard import`): LMArena, the Open LLM Leaderboard. */
export const sql = `
-- 006: one row per stored leaderboard table (board, date); a new import of the same board and date replaces it.
CREATE TABLE leaderboard_snapshot (
  board          VARCHAR NOT NULL,     -- arena-text, open-llm-v1, open-llm-v2 (data/leaderboards/boards.yaml)
  date           DATE NOT NULL,        -- the table's date (scrape or publication date, from the file name or --date)
  source         VARCHAR NOT NULL,     -- the file it was read from
  format         VARCHAR NOT NULL,     -- header variant: arena-elo | arena-score | arena-stylectrl | arena-blog | arena-spread | open-llm-v1 | open-llm-v2
  entries        INTEGER NOT NULL,     -- rows of the table
  scored         INTEGER NOT NULL,     -- rows with a score
  coverage_kind  VARCHAR NOT NULL,     -- full | partial
  coverage_how   VARCHAR NOT NULL,     -- what the table covers
  loaded_at      TIMESTAMP NOT NULL,
  PRIMARY KEY (board, date)
);

-- every row of every stored table, as the source wrote it (names, licences and organisations unnormalised)
CREATE TABLE leaderboard_entry (
  board             VARCHAR NOT NULL,
  date              DATE NOT NULL,
  pos               INTEGER NOT NULL,  -- row order in the file
  line              INTEGER NOT NULL,  -- physical line in the file
  model             VARCHAR NOT NULL,
  rank              INTEGER,
  rank_lo           INTEGER,           -- LMArena rank spread
  rank_hi           INTEGER,
  rank_style        INTEGER,           -- rank under style control
  score             DOUBLE,            -- arena score / benchmark average
  ci_plus           DOUBLE,            -- 95 % confidence interval: + half-width
  ci_minus          DOUBLE,            -- - half-width
  preliminary       BOOLEAN NOT NULL,
  votes             BIGINT,
  organization      VARCHAR,
  license           VARCHAR,           -- the licence label the leaderboard shows
  url               VARCHAR,
  knowledge_cutoff  VARCHAR,
  price_input       DOUBLE,            -- listed price, USD per 1M input tokens
  price_output      DOUBLE,            -- listed price, USD per 1M output tokens
  context           VARCHAR,
  params_b          DOUBLE             -- parameters, billions
);
CREATE INDEX leaderboard_entry_board_date ON leaderboard_entry (board, date);
`;
