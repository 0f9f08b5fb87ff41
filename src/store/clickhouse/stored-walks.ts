/**
 * The lineage walks stored at load on ClickHouse (migration 10, issue 15; the design in src/store/stored-walks.ts):
 * per generation of the model dimension (`load_id` = the load that wrote it, `PARTITION BY load_id`, on the
 * coordinator, as `model_dim_rows`), `stored_walk_rows` names each stored walk by the parameters a family query binds
 * (official pattern, relations — '' for the default set —, depth) and `stored_member_rows` holds its models (key,
 * depth, relation, via, path). A load writes its generation's walks from its generation of the dimension and links
 * before the flip ({@link writeFamilyWalks}); readers take the generation `model` shows (CURRENT_DIM_LOAD), so a
 * killed load's walks are never read, and the next load's clean-up drops the generations no reader sees (as the
 * dimension's: not those of loads still running).
 *
 * A family query (`clickhouseWalk`) whose parameters match a stored walk reads it in place of the walk table
 * ({@link storedWalkSql}: a subquery with the query's own placeholders); otherwise the
 * store walks as before (family-walk.ts).
 */
import { registryWalks, STORED_WALK_DEPTH, storedWalkRows, type WalkLink } from "../stored-walks.js";
import type { ClickHouseConnection } from "./connection.js";
import { chRegex } from "./family-walk.js";
import { bind, literal, sqlSet } from "./literal.js";
import { CURRENT_DIM_LOAD } from "./migrations.js";

/**
 * The stored walk tables and their per-date aggregates (migration 13, family-rollups.ts), partitioned by generation
 * (`load_id`): the load's clean-up drops the generations no reader sees.
 */
export const STORED_WALK_TABLES = ["stored_walk_rows", "stored_member_rows", "rollup_family_rows"] as const;

/** The tables (migration 10). */
export const CREATE_STORED_WALK_TABLES = [
  `CREATE TABLE IF NOT EXISTS stored_walk_rows (load_id String, family String, official String, relations String,
  max_depth UInt32) ENGINE = MergeTree PARTITION BY load_id ORDER BY official`,
  `CREATE TABLE IF NOT EXISTS stored_member_rows (load_id String, official String, relations String, max_depth UInt32,
  key String, depth UInt32, relation String, via Nullable(String), path Array(String))
ENGINE = MergeTree PARTITION BY load_id ORDER BY (official, key)`,
];

/**
 * What `family_walk` reads when the stored walk matches: for one family query the walk of its `$official`,
 * `$relations` and `$depth`; for families-ranking (`families`) the walks of `$families` / `$officials`, one per
 * family, tagged with it. (Functions, not constants: migrations.ts imports this module and exports CURRENT_DIM_LOAD.)
 */
export function storedWalkSql(kind: "single" | "families", generation: string): string {
  return kind === "families" ? storedFamiliesWalk(literal(generation)) : storedWalk(literal(generation));
}

function storedWalk(gen: string): string {
  return `(SELECT '' AS family, key, depth, relation, via, path FROM stored_member_rows
  WHERE load_id = ${gen} AND official = $official AND relations = ifNull($relations, '') AND max_depth = $depth)`;
}

function storedFamiliesWalk(gen: string): string {
  return `(SELECT family, key, depth, relation, via, path FROM (
  SELECT fo[1] AS family, fo[2] AS official FROM (SELECT arrayJoin(arrayMap((f, o) -> [f, o], $families, $officials)) AS fo)
) ALL INNER JOIN (SELECT official, key, depth, relation, via, path FROM stored_member_rows
  WHERE load_id = ${gen} AND relations = ifNull($relations, '') AND max_depth = $depth) USING official)`;
}

/**
 * The current generation (found once, so the query reads it as a constant), when it holds the walk of a family
 * query's parameters (`official`, `relations`, `depth`), or for families-ranking (`officials`) the walk of every
 * family; else null (also on a store without the tables).
 */
export async function storedWalkGeneration(
  conn: ClickHouseConnection,
  params: Record<string, unknown>,
): Promise<string | null> {
  const relations = ((params.relations as string | null | undefined) ?? null) || "";
  const depth = Number(params.depth);
  try {
    const officials = Array.isArray(params.officials)
      ? [...new Set(params.officials.map(String))]
      : typeof params.official === "string"
        ? [params.official]
        : [];
    if (officials.length === 0) return null;
    const [r] = await conn.rows<{ g: string; n: number }>(
      bind(
        `SELECT any(load_id) AS g, uniqExact(official) AS n FROM stored_walk_rows WHERE load_id = ${CURRENT_DIM_LOAD}
  AND has($officials, official) AND relations = $relations AND max_depth = $depth`,
        { officials, relations, depth },
      ),
    );
    return r && Number(r.n) === officials.length ? r.g : null;
  } catch {
    return null;
  }
}

/**
 * Writes generation `loadId`'s stored walks (before the flip, after the load wrote its generation of the model
 * dimension and links).
 */
export async function writeFamilyWalks(conn: ClickHouseConnection, loadId: string): Promise<void> {
  const L = literal(loadId);
  // this load's own partition: a re-run of the step starts afresh (other generations go with the load's clean-up,
  // which leaves those of loads still running)
  for (const table of STORED_WALK_TABLES) await conn.command(`ALTER TABLE ${table} DROP PARTITION ${L}`);
  const specs = await registryWalks();
  if (specs.length === 0) return;
  // the official keys: one scan of this generation's models with every pattern at once, then each pattern on those
  // keys (only placeholders are spliced here; the patterns are bound as literals)
  const values: Record<string, string> = { any: chRegex(specs.map((s) => `(?:${s.official})`).join("|")) };
  const hits = specs.map((s, i) => {
    values[`re${i}`] = chRegex(s.official);
    return `match(key, $re${i})`;
  });
  const cand = await conn.rows<{ key: string; hits: number[] }>(
    bind(
      `SELECT key, [${hits.join(", ")}] AS hits FROM model_dim_rows WHERE load_id = ${L} AND match(key, $any)`,
      values,
    ),
  );
  const officials = specs.map((_, i) => cand.filter((r) => Number(r.hits[i]) === 1).map((r) => r.key));
  // a link is followed only from a repo the walk reached, an official one or the child of a link, so the others are
  // not sent (as the DuckDB store's walk: on the full listing 51,000 of 126,000 links)
  const links =
    cand.length === 0
      ? []
      : await conn.rows<WalkLink>(
          bind(
            `SELECT child_key, parent_key, relation FROM model_link_dim_rows WHERE load_id = ${L} AND relation != 'reupload'
  AND (parent_key IN $officials
    OR parent_key IN (SELECT child_key FROM model_link_dim_rows WHERE load_id = ${L} AND relation != 'reupload'))`,
            { officials: sqlSet(cand.map((r) => r.key)) },
          ),
        );
  const rows = storedWalkRows(specs, officials, links);
  await conn.insert(
    "stored_walk_rows",
    specs.map((s) => ({
      load_id: loadId,
      family: s.family,
      official: s.official,
      relations: "",
      max_depth: STORED_WALK_DEPTH,
    })),
  );
  for (let i = 0; i < rows.length; i += 50_000)
    await conn.insert(
      "stored_member_rows",
      rows.slice(i, i + 50_000).map((r) => ({
        load_id: loadId,
        official: specs[Number(r.family)]?.official ?? "",
        relations: "",
        max_depth: STORED_WALK_DEPTH,
        key: r.key,
        depth: r.depth,
        relation: r.relation,
        via: r.via,
        path: r.path,
      })),
    );
}
