/**
 * Versioned schema migrations, applied in order inside one transaction each; `schema_migrations` records
 * which ran. Kept as TypeScript strings so the compiled package carries them.
 */
import { sql as m001 } from "./001-initial.js";
import { sql as m002 } from "./002-prices.js";
import { sql as m003 } from "./003-licence-class.js";
import { sql as m004 } from "./004-coverage.js";
import { sql as m005 } from "./005-card-licences-and-price-retirement.js";
import { sql as m006 } from "./006-leaderboards.js";
import { sql as m007 } from "./007-usage.js";
import { sql as m008 } from "./008-rollups.js";
import { sql as m009 } from "./009-family-walks.js";
import { sql as m011 } from "./011-card-licences-in-rollup.js";

/** One schema step: a version number, a name and the DDL to run. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Every migration, oldest first. Append only: never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "initial", sql: m001 },
  { version: 2, name: "prices", sql: m002 },
  { version: 3, name: "licence-class", sql: m003 },
  { version: 4, name: "coverage", sql: m004 },
  { version: 5, name: "card-licences-and-price-retirement", sql: m005 },
  { version: 6, name: "leaderboards", sql: m006 },
  { version: 7, name: "usage", sql: m007 },
  { version: 8, name: "rollups", sql: m008 },
  { version: 9, name: "family-walks", sql: m009 },
  { version: 11, name: "card-licences-in-rollup", sql: m011 },
];
