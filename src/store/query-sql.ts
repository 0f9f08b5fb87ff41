/**
 * "How is this computed?": the SQL a catalog query runs on a given store, with its values bound — what `omo queries
 * NAME` and `/api/queries/NAME` show. DuckDB runs the query's `duckdb.sql` as written with its parameters bound
 * natively, shown as a `PREPARE … EXECUTE` that runs as is in the DuckDB CLI; ClickHouse runs its `clickhouse.sql`
 * (else the DuckDB text) bound client-side by the binder the store uses (src/store/clickhouse/bind-query.ts); what the
 * store adds at run time (the walk table's name, the member keys) is named in notes.
 */
import { InputError } from "../errors.js";
import { type CatalogQuery, paramError, placeholders } from "../queries/catalog.js";
import { bindClickHouseQuery, clickHouseText, MAX_MEMBER_KEYS } from "./clickhouse/bind-query.js";
import { scalarLookups } from "./clickhouse/constant-lookups.js";
import { shippedFileOf, shippedPricesKey } from "./clickhouse/shipped-prices.js";
import { parseClickHouseUrl } from "./clickhouse/url.js";
import { parseLocation } from "./locations.js";

/** The SQL dialect of a store: DuckDB, or ClickHouse on one server or a cluster of shards. */
export type SqlDialect = { kind: "duckdb" } | { kind: "clickhouse"; cluster: boolean };

/** The dialect of the store a location names (without connecting). */
export function dialectOf(location: string): SqlDialect {
  const loc = parseLocation(location);
  if (loc.kind === "duckdb") return { kind: "duckdb" };
  return { kind: "clickhouse", cluster: parseClickHouseUrl(loc.target).cluster !== null };
}

/** A query's SQL on one dialect. */
export interface QuerySql {
  dialect: SqlDialect["kind"];
  /** The query's SQL file for that dialect, as written (`$name` placeholders). */
  sql: string;
  /** The values bound to its placeholders (after the query's defaults), when parameters were given. */
  values: Record<string, unknown> | null;
  /** The SQL with those values bound, as it runs (null without parameters). */
  bound: string | null;
  /** What the store does besides the text (the lineage walk, member keys), in words. */
  notes: string[];
}

/** A DuckDB literal of a bound value. */
function duckdbLiteral(v: unknown): string {
  if (v === null || v === undefined) return "NULL";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (typeof v === "boolean") return v ? "true" : "false";
  // a list parameter (the families of families-ranking), bound as VARCHAR[] by the store
  if (Array.isArray(v)) return `[${v.map(duckdbLiteral).join(", ")}]::VARCHAR[]`;
  return `'${String(v).replace(/'/g, "''")}'`;
}

/**
 * The SQL of `query` on `dialect`; with `params`, validated by the query's schema (defaults filled), the values and the
 * bound text. A parameter the schema refuses is an input error naming it.
 */
export function querySql<P>(
  query: CatalogQuery<P, unknown>,
  dialect: SqlDialect,
  params?: Record<string, unknown>,
): QuerySql {
  const notes: string[] = [];
  let values: Record<string, unknown> | null = null;
  if (params) {
    const parsed = query.params.safeParse(params);
    if (!parsed.success) throw paramError(query.name, parsed.error);
    values = parsed.data as Record<string, unknown>;
  }
  /** The values of the placeholders `sql` names (null where the query leaves one unset). */
  const usedBy = (sql: string, v: Record<string, unknown> | null) =>
    v ? Object.fromEntries(placeholders(sql).map((n) => [n, v[n] ?? null])) : null;
  if (dialect.kind === "duckdb") {
    const sql = query.sql.duckdb;
    const used = usedBy(sql, values);
    const id = query.name.replace(/[^a-z0-9]/g, "_");
    const bound = used
      ? `PREPARE ${id} AS\n${sql.trimEnd()};\nEXECUTE ${id}(${Object.entries(used)
          .map(([n, v]) => `${n} := ${duckdbLiteral(v)}`)
          .join(", ")});\n`
      : null;
    if (query.sql.duckdbStored !== undefined)
      notes.push(
        "when the store holds the lineage walk of these parameters, written at load for every registry family with the default relations and depth (family_walk, family_member: src/store/duckdb/family-walk-sql.ts), it runs duckdb-stored.sql instead, which reads that walk: the same answer",
      );
    return { dialect: "duckdb", sql, values: used, bound, notes };
  }
  // the text these values run (the roll-up text when its parameters are null), else the query's ClickHouse text
  const sql = values
    ? clickHouseText(query as CatalogQuery<unknown, unknown>, values)
    : (query.sql.clickhouse ?? query.sql.duckdb);
  if (query.sql.clickhouseRollup !== undefined)
    notes.push(
      `without ${(query.sql.clickhouseRollupWhenNull ?? []).map((p) => `$${p}`).join(" and ")} the store runs clickhouse-rollup.sql, which reads only the roll-ups written at load: the same answer`,
    );
  if (query.sql.clickhouseRollupOne !== undefined)
    notes.push(
      `with exactly one of ${(query.sql.clickhouseRollupWhenNull ?? []).map((p) => `$${p}`).join(" and ")} the store runs clickhouse-rollup-one.sql, which reads only the roll-up written at load per value of that parameter: the same answer`,
    );
  if (query.sql.clickhouseWalk === "families")
    notes.push(
      "family_walk: the lineage walk of every family given (its official repos, then their descendants by relation up to depth), one table with a family column, that the store computes first and keeps in a temporary table (src/store/clickhouse/family-walk.ts); ClickHouse 18.16 has no recursive CTEs",
    );
  else if (query.sql.clickhouseWalk)
    notes.push(
      "family_walk: the lineage walk (official repos, then their descendants by relation up to depth) that the store computes first and keeps in a temporary table (src/store/clickhouse/family-walk.ts); ClickHouse 18.16 has no recursive CTEs",
    );
  if (query.sql.clickhouseWalk)
    notes.push(
      "when the store holds the walk of these parameters, written at load for every registry family with the default relations and depth (stored_member_rows: src/store/clickhouse/stored-walks.ts), family_walk reads those rows of the current generation instead: the same answer",
    );
  if (query.sql.clickhouseStored)
    notes.push(
      "when the store holds the walk of these parameters, it runs clickhouse-stored.sql instead, which sums the per-date aggregates of that walk written at load with it (rollup_family_rows: src/store/clickhouse/family-rollups.ts): the same answer",
    );
  if (query.sql.clickhouseMembers)
    notes.push(
      `$member_keys: the keys clickhouse-members.sql selects, which the store runs first and binds as a constant set (up to ${MAX_MEMBER_KEYS.toLocaleString("en-US")} keys; more are read through that SELECT as a subquery, as shown)`,
    );
  if (scalarLookups(sql).length > 0)
    notes.push(
      "the scalar subqueries over the small tables snapshot, snapshot_rows, dim_generation and the roll-ups' writer lists are evaluated once and sent as constants, kept while the visible snapshots stay the same; the first carries a guard that fails the query if a load has changed them since, and the store then evaluates them again (src/store/clickhouse/constant-lookups.ts): the same answer",
    );
  if (!dialect.cluster) notes.push("one server: GLOBAL IN runs as IN");
  const shipped = values ? shippedFileOf(query, values as P) : null;
  if (shipped !== null) {
    // as the store does (withShippedPrices): the CSV's rows are kept under the SHA-256 of its bytes, bound as the key
    values = { ...values, shipped: shippedPricesKey(shipped) };
    notes.push(
      "$shipped: the store loads the shipped price CSV into shipped_price_rows under the SHA-256 of its bytes and binds that key",
    );
  }
  let bound: string | null = null;
  if (values) {
    try {
      bound = bindClickHouseQuery(query, sql, values as P, { cluster: dialect.cluster });
    } catch (err) {
      throw new InputError(`cannot bind query "${query.name}": ${(err as Error).message}`);
    }
  }
  return { dialect: "clickhouse", sql, values: usedBy(sql, values), bound, notes };
}
