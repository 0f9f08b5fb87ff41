/** ClickHouse SQL fragments of the catalog that repeat a schema definition of the store must stay in step with it. */
import { describe, expect, it } from "vitest";
import { CH_MODEL_WHERE } from "../../src/queries/common.js";
import { CATALOG } from "../../src/queries/index.js";
import { SHIPPED_PRICES_CSV } from "../../src/queries/prices.js";
import { CURRENT_DIM_LOAD } from "../../src/store/clickhouse/migrations.js";

describe("CH_MODEL_WHERE", () => {
  it("selects the generation of the model dimension that the `model` view shows", () => {
    expect(CH_MODEL_WHERE).toBe(`model_dim_rows WHERE load_id = ${CURRENT_DIM_LOAD}`);
  });
});

describe("SHIPPED_PRICES_CSV", () => {
  it("is how every DuckDB query reads the shipped price table, so the ClickHouse copy holds the same rows", () => {
    const readers = Object.values(CATALOG).filter((q) => /\$shipped\b/.test(q.sql.duckdb));
    expect(readers.map((q) => q.name).sort()).toEqual(["price-first-date", "price-lookup", "prices"]);
    for (const q of readers) {
      expect(q.sql.duckdb, q.name).toContain(SHIPPED_PRICES_CSV);
      // the file is read in no other way
      expect(q.sql.duckdb.split("$shipped").length - 1, q.name).toBe(1);
    }
  });
});
