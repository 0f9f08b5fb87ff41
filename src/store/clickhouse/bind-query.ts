/**
 * How the ClickHouse store turns a catalog query's ClickHouse text into the SQL it sends: `$name` placeholders bound
 * client-side as literals (18.16 over HTTP has no query parameters), the lineage walk table named, the member keys of
 * a series bound as a constant set, and on a single server `GLOBAL IN` as `IN`. Pure (no connection), so "how is this
 * computed?" (src/store/query-sql.ts) shows exactly the text a store would send.
 */
import { type CatalogQuery, paramError, placeholders } from "../../queries/catalog.js";
import { withWalkTable } from "./family-walk.js";
import { bind, type SqlValue, sqlSet } from "./literal.js";
import { storedWalkSql } from "./stored-walks.js";

/**
 * On a single server every table is local, so `GLOBAL IN` (needed where a Distributed table meets a subquery over
 * coordinator tables) is plain `IN`, which 18.16 also uses for the primary key (a GLOBAL IN set reads every granule).
 * Applied to the query text before values are bound, so a bound value never changes.
 */
export function localIn(sql: string): string {
  return sql.replace(/\bGLOBAL (NOT )?IN\b/g, "$1IN");
}

/**
 * The most member keys a series binds as a constant set (`clickhouseMembers`); beyond, it reads its members through
 * the members SELECT as a subquery. Measured at 30 days: 50 keys (meta-llama) 1,063 → 119 ms on two shards as a set,
 * 3,324 keys (the llama-2 family) 1,228 → 1,485 ms (slower: the members spread over most granules anyway).
 */
export const MAX_MEMBER_KEYS = 1000;

/**
 * Whether a one-family query (`clickhouseWalk: true`, e.g. openness-by-class) is asked without a family (`official`
 * null): its walk is empty, so `family_walk` reads {@link EMPTY_WALK} and the store computes no walk table.
 */
export function walksNothing(query: CatalogQuery<unknown, unknown>, values: Record<string, unknown>): boolean {
  return query.sql.clickhouseWalk === true && (values.official ?? null) === null;
}

/** The walk of no family: the walk table's columns, no rows. */
export const EMPTY_WALK = `(SELECT '' AS family, '' AS key, toUInt32(0) AS depth, '' AS relation,
  CAST(NULL AS Nullable(String)) AS via, emptyArrayString() AS path WHERE 0)`;

/**
 * The ClickHouse text a query runs with these (validated) values: its roll-up text when it has one and every parameter
 * that text needs null is null; its one-filter roll-up text when it has one and exactly one of those parameters is
 * set; else its ClickHouse text (else the DuckDB text).
 */
export function clickHouseText(query: CatalogQuery<unknown, unknown>, values: Record<string, unknown>): string {
  const { clickhouseRollup, clickhouseRollupOne, clickhouseRollupWhenNull } = query.sql;
  const set = (clickhouseRollupWhenNull ?? []).filter((p) => (values[p] ?? null) !== null).length;
  if (clickhouseRollup !== undefined && set === 0) return clickhouseRollup;
  if (clickhouseRollupOne !== undefined && set === 1) return clickhouseRollupOne;
  return query.sql.clickhouse ?? query.sql.duckdb;
}

/** What a bound text depends on besides the query's parameters. */
export interface ClickHouseBinding {
  /** The store is a cluster of shards (keeps `GLOBAL IN`). */
  cluster: boolean;
  /** The table holding the lineage walk the store computed first (`family_walk` in the text), if any. */
  walkTable?: string;
  /**
   * The generation whose stored walk matches the parameters (stored-walks.ts), if any: `family_walk` in the text
   * reads that walk, as a subquery of the stored rows, instead of a walk table.
   */
  storedWalk?: string | null;
  /**
   * The member keys the store selected first (`clickhouse-members.sql`), bound as the constant set `$member_keys`;
   * null or absent: the members SELECT itself, as a subquery.
   */
  memberKeys?: readonly string[] | null;
}

/** Binds `text` (the query's ClickHouse text or its members SELECT) with the query's validated parameters. */
export function bindClickHouseQuery<P>(
  query: CatalogQuery<P, unknown>,
  text: string,
  params: P,
  how: ClickHouseBinding,
): string {
  const parsed = query.params.safeParse(params);
  if (!parsed.success) throw paramError(query.name, parsed.error);
  const values = parsed.data as Record<string, unknown>;
  // a large member set: the members SELECT itself, as a subquery; a constant set is plain IN on every shard (18.16
  // refuses GLOBAL IN with a literal over a Distributed table)
  const members =
    !how.memberKeys && query.sql.clickhouseMembers
      ? text.replace(/\$member_keys\b/g, `(${query.sql.clickhouseMembers})`)
      : text.replace(/\bGLOBAL IN \$member_keys\b/g, "IN $member_keys");
  const local = how.cluster ? members : localIn(members);
  const sql = walksNothing(query as CatalogQuery<unknown, unknown>, values)
    ? local.replace(/\bfamily_walk\b/g, EMPTY_WALK)
    : how.storedWalk
      ? local.replace(/\bfamily_walk\b/g, () =>
          storedWalkSql(query.sql.clickhouseWalk === "families" ? "families" : "single", how.storedWalk as string),
        )
      : how.walkTable
        ? withWalkTable(local, how.walkTable)
        : local;
  const b: Record<string, SqlValue> = {};
  for (const name of placeholders(sql)) {
    if (name === "member_keys") {
      b[name] = sqlSet(how.memberKeys ?? []);
      continue;
    }
    const v = values[name];
    b[name] = v === undefined ? null : (v as SqlValue);
  }
  return bind(sql, b);
}
