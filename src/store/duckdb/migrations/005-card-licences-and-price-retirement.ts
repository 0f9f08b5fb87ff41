/**
 * Migration 005: licences stated in model cards (`omo ingest --details`) and the retirement date of imported prices
 * (LiteLLM's `deprecation_date`).
 */
export const sql = `
-- 005a: what a model card says about its licence, for repos tagged license:other or license:unknown. One row per
-- model (the latest fetch wins); a model whose class comes from its card is classed by 'name:' || lower(license_name)
-- in licence_class (see data/licences.yaml, section names).
CREATE TABLE model_card_licence (
  key           VARCHAR PRIMARY KEY,   -- lower-cased repo id (model.key)
  id            VARCHAR NOT NULL,      -- the repo id as the Hub spells it
  license_name  VARCHAR,               -- cardData.license_name as written (null: the card names none)
  license_link  VARCHAR,               -- cardData.license_link (a URL or a file of the repo, e.g. LICENSE)
  card_license  VARCHAR,               -- cardData.license (a list is joined with ',')
  fetched_on    DATE NOT NULL,         -- the day the body was fetched
  source        VARCHAR NOT NULL       -- the endpoint it came from
);
-- 005b: the day an imported API price stops being in force because the model is retired (LiteLLM deprecation_date).
ALTER TABLE price ADD COLUMN deprecation_date DATE;
`;
