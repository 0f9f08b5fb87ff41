/** ClickHouse SQL fragments of the catalog that repeat a schema definition of the store must stay in step with it. */
import { describe, expect, it } from "vitest";
import { CH_MODEL_WHERE } from "../../src/queries/common.js";
import { CURRENT_DIM_LOAD } from "../../src/store/clickhouse/migrations.js";

describe("CH_MODEL_WHERE", () => {
  it("selects the generation of the model dimension that the `model` view shows", () => {
    expect(CH_MODEL_WHERE).toBe(`model_dim_rows WHERE load_id = ${CURRENT_DIM_LOAD}`);
  });
});
