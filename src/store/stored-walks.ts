/**
 * The lineage walks a load stores (issue 15): the walk of every family of the shipped registry (data/families), for
 * the default walk options (every stated relation but `reupload`, depth 50), written by each load inside its
 * transaction (DuckDB, migration 009) or generation (ClickHouse, migration 10), so the family queries read a walk
 * instead of recomputing it per query.
 *
 * A stored walk is found by the exact parameters a family query binds: the official pattern (`officialSqlParams`),
 * the relations (null = the default set) and the depth. A query whose parameters match no stored walk — a registry
 * pattern changed since the load, a user family (`--families`), other relations or another depth — walks as before,
 * so a stored walk is only ever a faster way to the same answer.
 *
 * The walk itself is the one the ClickHouse store computes per query ({@link walkFamilies}: breadth-first through the
 * links, each model once at its smallest depth, the parent with the smallest key on a tie), checked equal to DuckDB's
 * recursive CTE by the contract cases; it runs in memory over the links read once (about 1 s on the full listing,
 * where one recursive CTE walking every family took 3 to 5 s).
 */
import { loadFamilies, officialSqlParams } from "../domain/families.js";
import { DepthParam } from "../queries/params/families.js";
import { type LinkRow, type WalkRow, walkFamilies } from "./clickhouse/family-walk.js";

/** The depth of a stored walk: the family queries' default. */
export const STORED_WALK_DEPTH: number = DepthParam.parse(undefined);

/** One walk a load stores: its official pattern, and the family it was stored for (for people reading the table). */
export interface StoredWalkSpec {
  family: string;
  official: string;
}

/**
 * The walks to store: one per distinct official pattern of the shipped registry (two families sharing a pattern share
 * its walk), in registry order.
 */
export async function registryWalks(): Promise<StoredWalkSpec[]> {
  const out: StoredWalkSpec[] = [];
  const seen = new Set<string>();
  for (const f of await loadFamilies()) {
    if (!f.shipped) continue;
    const official = officialSqlParams(f).officialPattern;
    if (seen.has(official)) continue;
    seen.add(official);
    out.push({ family: f.name, official });
  }
  return out;
}

/** A link as the walk reads it (family-walk.ts's). */
export type WalkLink = LinkRow;

/**
 * The stored walks of `specs`, given each one's official keys (`officials[i]` for `specs[i]`) and the links: the rows
 * of every walk with `family` = the index of its spec (as a string).
 */
export function storedWalkRows(
  specs: readonly StoredWalkSpec[],
  officials: ReadonlyArray<readonly string[]>,
  links: readonly WalkLink[],
): WalkRow[] {
  return walkFamilies(
    specs.map((_, i) => ({ family: String(i), keys: officials[i] ?? [] })),
    links,
    { relations: null, depth: STORED_WALK_DEPTH },
  );
}
