import { describe, expect, it } from "vitest";
import { stepOf } from "../../bench/import-steps.js";
import * as C from "../../src/store/duckdb/commit-sql.js";
import * as R from "../../src/store/duckdb/rollup-sql.js";
import { STAGE_JSONL } from "../../src/store/duckdb/stage-sql.js";

// bench/import-profile.ts puts each statement of DuckDB's import in a step; these are the load's own statements
describe("the import profile's steps", () => {
  it("puts the staging read apart from the staged checks, before the transaction", () => {
    expect(stepOf(STAGE_JSONL, false)).toBe("file read");
    expect(stepOf("CREATE OR REPLACE TEMP TABLE stage_link AS SELECT 1", false)).toBe("staged checks");
    expect(stepOf(C.INSERT_MODELS, false)).toBe("staged checks");
  });

  it("names the step of each statement of the load transaction", () => {
    expect(stepOf(C.UPDATE_MODELS, true)).toBe("model rows");
    expect(stepOf(C.INSERT_MODELS, true)).toBe("model rows");
    expect(stepOf(C.DELETE_STATS, true)).toBe("statistics");
    expect(stepOf(C.INSERT_STATS, true)).toBe("statistics");
    for (const sql of [R.ROLLUP_BEFORE, R.COUNT_BEFORE, R.ROLLUP_CHANGED, ...R.REBUILD_DATE_ROLLUPS, ...R.MOVE_ORGS])
      expect(stepOf(sql, true)).toBe("roll-ups");
    for (const sql of [C.CREATE_STAGE_NEWER, C.DELETE_LINKS, C.INSERT_LINKS, C.INSERT_REUPLOAD_LINKS])
      expect(stepOf(sql, true)).toBe("lineage links");
    for (const sql of [C.DELETE_SNAPSHOT, C.INSERT_SNAPSHOT, C.SNAPSHOT_COUNTS])
      expect(stepOf(sql, true)).toBe("snapshot row");
    expect(stepOf("DELETE FROM family_member", true)).toBe("family walks");
    expect(stepOf("COMMIT", true)).toBe("commit");
    expect(stepOf("BEGIN TRANSACTION", true)).toBe("other");
  });
});
