/** Migration 003: the licence map (data/licences.yaml) as a table, so the openness class is queryable in SQL. */
export const sql = `
-- 003: licence tag -> openness class. Refreshed from data/licences.yaml at every load and by "omo openness";
-- a model's class is that of lower(model.license), 'unknown' when the tag is absent or not in this table.
CREATE TABLE licence_class (
  tag         VARCHAR PRIMARY KEY,           -- lower-cased Hub licence tag
  class       VARCHAR NOT NULL,              -- open-source | open-content | responsible-use | vendor-community | non-commercial | unknown | closed-api
  spdx        VARCHAR,                       -- SPDX identifier, when one exists
  commercial  VARCHAR NOT NULL               -- true | false | conditional
);
`;
