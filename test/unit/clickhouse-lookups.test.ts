/**
 * Which subqueries of the catalog's ClickHouse texts the store sends as constants (src/store/clickhouse/constant-lookups.ts),
 * on the real texts; the answers with and without them are compared by the contract suites, and a load flipping under
 * kept values in clickhouse-concurrent-loads.test.ts.
 */
import { describe, expect, it } from "vitest";
import { CATALOG } from "../../src/queries/index.js";
import { bindClickHouseQuery, clickHouseText } from "../../src/store/clickhouse/bind-query.js";
import {
  type Constant,
  scalarLookups,
  substitute,
  VISIBLE_STATE,
} from "../../src/store/clickhouse/constant-lookups.js";

/** The text the store would send for `name` with these parameters, on one server. */
function bound(name: string, given: Record<string, unknown>): string {
  const query = CATALOG[name] as NonNullable<(typeof CATALOG)[string]>;
  const values = query.params.parse(given) as Record<string, unknown>;
  return bindClickHouseQuery(query, clickHouseText(query, values), values as never, { cluster: false });
}

describe("scalar lookups of the catalog texts", () => {
  it("top-models: the snapshot, load and generation lookups and its cut-off, each a whole parenthesised SELECT over the lookup tables", () => {
    const sql = bound("top-models", { limit: 20 });
    const found = scalarLookups(sql);
    expect(found.length).toBeGreaterThan(3);
    for (const l of found) {
      expect(sql.slice(l.start, l.end + 1)).toBe(l.sql);
      expect(l.sql).toMatch(/^\(\s*SELECT\s/);
      // never the right side of IN, nor a FROM or JOIN source
      expect(sql.slice(0, l.start)).not.toMatch(/\b(?:IN|FROM|JOIN)\s*$/);
      for (const [, t] of l.sql.matchAll(/\b(?:FROM|JOIN)\s+([\w.]+)/g))
        expect(t).toMatch(/^(?:snapshot|snapshot_rows|dim_generation|rollup_\w+_dates|rollup_top_rows)$/);
    }
    // the cut-off (the $limit-th largest count of the date, from the date's top counts): one lookup, in its five places
    const cutOffs = found.filter((l) => /FROM rollup_top_rows/.test(l.sql));
    expect(cutOffs).toHaveLength(5);
    expect(new Set(cutOffs.map((l) => l.sql)).size).toBe(1);
    expect(cutOffs[0]?.sql).toMatch(/^\(SELECT if\(.*count\(\) < 20/s);
    // outermost only: no lookup inside another
    for (const [a, b] of found.slice(1).map((l, k) => [found[k], l] as const))
      expect(b.start).toBeGreaterThan(a?.end ?? 0);
  });

  it("the statistics and the dimension are never replaced: every text still reads them", () => {
    for (const name of ["top-models", "growth", "model", "org-ranking", "new-entrants"]) {
      const sql = bound(name, name === "model" ? { id: "acme/a" } : {});
      const lookups = scalarLookups(sql);
      const values = new Map(lookups.map((l) => [l.sql, { literal: "'2024-07-11'", type: "Date" }]));
      const out = substitute(sql, lookups, { state: "123", values });
      expect(out, name).not.toMatch(/FROM snapshot\b/);
      expect(out, name).toMatch(/model_stats|rollup_\w+_rows|model_dim/);
      // one guard, on the first constant
      expect(out.split("throwIf(").length - 1, name).toBe(1);
      expect(out, name).toContain(`${VISIBLE_STATE} != '123'`);
    }
  });

  it("a parenthesis in a string or a comment is not a subquery; a lookup whose value was not plain is left as written", () => {
    const sql =
      "SELECT '(SELECT 1 FROM snapshot)' AS s, (SELECT max(date) FROM snapshot) AS d -- (SELECT x FROM snapshot)\n";
    const found = scalarLookups(sql);
    expect(found.map((l) => l.sql)).toEqual(["(SELECT max(date) FROM snapshot)"]);
    const kept = { state: "7", values: new Map<string, Constant | null>([["(SELECT max(date) FROM snapshot)", null]]) };
    expect(substitute(sql, found, kept)).toBe(sql);
    kept.values.set("(SELECT max(date) FROM snapshot)", { literal: "NULL", type: "Nullable(Date)" });
    expect(substitute(sql, found, kept)).toContain(
      `AS s, CAST(if(throwIf(${VISIBLE_STATE} != '7'), NULL, NULL) AS Nullable(Date)) AS d`,
    );
  });
});
