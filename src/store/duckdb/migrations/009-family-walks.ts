/**
 * Migration 009 (issue 15): the lineage walks of the registry's families stored at load (`family_walk`,
 * `family_member`; src/store/duckdb/family-walk-sql.ts), so family-totals, family-series and families-ranking read a
 * walk instead of recomputing the recursive CTE per query. Created empty: until the next load every family query
 * walks, as before.
 */
import { CREATE_FAMILY_WALKS } from "../family-walk-sql.js";

export const sql = CREATE_FAMILY_WALKS;
