/**
 * The family lineage walk for ClickHouse 18.16, which has no recursive CTEs. DuckDB computes it as the recursive CTE
 * `tree` of the family queries (the duckdb.sql of src/queries/family-totals and its neighbours): official repos (a
 * regex on `model.key`) at depth 0, then breadth-first through
 * `model_link` (child → parent), each model once at its smallest depth; when a model is first reached at one depth
 * from several parents, the parent with the smallest key wins (byte order) and the relation is that link's.
 *
 * Here the store reads the official keys and the (relation-filtered) links once, walks them in TypeScript, and writes
 * the result into a fresh Memory table on the coordinator, `family_walk_<ms>_<random>` (key, depth, relation, via,
 * path = the keys from the model up to its official root). Catalog queries marked `clickhouseWalk` name that table
 * `family_walk` in their ClickHouse text; the store substitutes the real name before binding, runs the query and
 * drops the table. Every catalog view lives on the coordinator, so the table needs no GLOBAL IN/JOIN.
 *
 * A query marked `clickhouseWalk: "families"` (families-ranking) walks many families at once: the official keys of
 * every family are read in one scan of `model`, the links once, and the table holds one walk per family, told apart
 * by its `family` column (a model reached from two families is a row of each); a single walk leaves `family` empty.
 */

import type { ClickHouseConnection } from "./connection.js";
import { bind, identifier } from "./literal.js";

/** The name the ClickHouse text of a walk query uses for the walk table. */
export const WALK_TABLE = "family_walk";

/** The parameters of a walk (as the family queries bind them). */
export interface WalkParams {
  /** RE2 searched in the lower-cased id; null = no walk (empty table). */
  official: string | null;
  /** Comma list of relations to follow; null = all but `reupload`. */
  relations: string | null;
  /** Deepest link chain followed. */
  depth: number;
}

/** The parameters of a walk of many families (as families-ranking binds them): `officials[i]` is `families[i]`'s. */
export interface FamiliesWalkParams {
  families: readonly string[];
  officials: readonly string[];
  relations: string | null;
  depth: number;
}

/** One model reached by the walk. */
export interface WalkRow {
  /** The family whose walk reached it ('' for a walk of one family). */
  family?: string;
  key: string;
  depth: number;
  relation: string;
  via: string | null;
  /** The model's key, its parent's, … up to the official repo it descends from. */
  path: string[];
}

/** Tables older than this are leftovers of a killed process and are dropped by the next walk. */
const STALE_MS = 3_600_000;

/**
 * A leading inline flag group `(?i)` is ignored by the literal prefilter of 18.16's `match` (it then misses matches):
 * rewrite it as a group `(?i:…)`, which means the same.
 */
export function chRegex(pattern: string): string {
  const m = /^\(\?([a-zA-Z]+)\)/.exec(pattern);
  return m ? `(?${m[1]}:${pattern.slice(m[0].length)})` : pattern;
}

/**
 * Byte order of the UTF-8 encodings (= code point order), as DuckDB and ClickHouse compare strings. At the first
 * differing UTF-16 unit, two units below the surrogates compare as their code points do; only other pairs are
 * encoded (encoding every pair cost most of the stored walks' time at load).
 */
export function before(a: string, b: string): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 0xd800 && y < 0xd800) return x < y;
    return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8")) < 0;
  }
  return a.length < b.length;
}

/** A lineage link as a walk reads it. */
export type LinkRow = { child_key: string; parent_key: string; relation: string };

/** The children of each parent through the links a walk may follow: `[child, relation]` in link order. */
function childrenOf(links: readonly LinkRow[], relations: string | null): Map<string, Array<[string, string]>> {
  const allowed = relations === null ? null : new Set(relations.split(","));
  const children = new Map<string, Array<[string, string]>>();
  for (const l of links) {
    // no relations named: every stated relation, not omo's `reupload` name rule (as the DuckDB walk)
    if (allowed ? !allowed.has(l.relation) : l.relation === "reupload") continue;
    const list = children.get(l.parent_key);
    if (list) list.push([l.child_key, l.relation]);
    else children.set(l.parent_key, [[l.child_key, l.relation]]);
  }
  return children;
}

/** The walk from `officials` through `children`, breadth-first down to `maxDepth`. */
function walkFrom(
  officials: readonly string[],
  children: ReadonlyMap<string, ReadonlyArray<[string, string]>>,
  maxDepth: number,
): WalkRow[] {
  const tree = new Map<string, WalkRow>();
  for (const key of officials) tree.set(key, { key, depth: 0, relation: "official", via: null, path: [key] });
  let frontier = [...tree.values()];
  for (let depth = 1; depth <= maxDepth && frontier.length > 0; depth++) {
    const found = new Map<string, { via: WalkRow; relation: string }>();
    for (const parent of frontier) {
      for (const [child, relation] of children.get(parent.key) ?? []) {
        if (tree.has(child)) continue;
        const prev = found.get(child);
        if (!prev || before(parent.key, prev.via.key)) found.set(child, { via: parent, relation });
      }
    }
    frontier = [];
    for (const [key, f] of found) {
      const row: WalkRow = { key, depth, relation: f.relation, via: f.via.key, path: [key, ...f.via.path] };
      tree.set(key, row);
      frontier.push(row);
    }
  }
  return [...tree.values()];
}

/** The walk over link rows already read: pure, for tests. */
export function walk(officials: readonly string[], links: readonly LinkRow[], params: WalkParams): WalkRow[] {
  return walkFrom(officials, childrenOf(links, params.relations), params.depth);
}

/**
 * The walks of many families over link rows already read (each family's official keys given): each family's rows as
 * {@link walk} gives them, tagged with the family. Pure, for tests.
 */
export function walkFamilies(
  officials: ReadonlyArray<{ family: string; keys: readonly string[] }>,
  links: readonly LinkRow[],
  params: { relations: string | null; depth: number },
): WalkRow[] {
  const children = childrenOf(links, params.relations);
  return officials.flatMap(({ family, keys }) => walkFrom(keys, children, params.depth).map((r) => ({ family, ...r })));
}

/**
 * The links of the visible snapshots, per connection, with the snapshot set they were read at: reading them (the
 * `model_link` view: the current generation of the link dimension) costs far more than the walk itself, and a family
 * answer runs several walk queries in a row. A load that completes changes the set of
 * (date, load_id) in `snapshot` and so invalidates the entry.
 */
const linkCache = new WeakMap<ClickHouseConnection, { fingerprint: string; links: LinkRow[] }>();

async function visibleLinks(conn: ClickHouseConnection): Promise<LinkRow[]> {
  const [fp] = await conn.rows<{ f: string }>(
    "SELECT arrayStringConcat(arraySort(groupArray(concat(toString(date), ':', load_id))), ',') AS f FROM snapshot",
  );
  const fingerprint = fp?.f ?? "";
  const cached = linkCache.get(conn);
  if (cached && cached.fingerprint === fingerprint) return cached.links;
  const links = await conn.rows<LinkRow>("SELECT child_key, parent_key, relation FROM model_link");
  // the snapshot set may have changed while reading: cache only when it did not
  const [after] = await conn.rows<{ f: string }>(
    "SELECT arrayStringConcat(arraySort(groupArray(concat(toString(date), ':', load_id))), ',') AS f FROM snapshot",
  );
  if ((after?.f ?? "") === fingerprint) linkCache.set(conn, { fingerprint, links });
  return links;
}

/** Reads the official keys and the links from the visible snapshots and walks them. */
export async function computeWalk(conn: ClickHouseConnection, params: WalkParams): Promise<WalkRow[]> {
  if (params.official === null) return [];
  const officials = await conn.rows<{ key: string }>(
    bind("SELECT key FROM model WHERE match(key, $re)", { re: chRegex(params.official) }),
  );
  const keys = officials.map((r) => r.key);
  if (keys.length === 0 || params.depth === 0) return walk(keys, [], params);
  return walk(keys, await visibleLinks(conn), params);
}

/**
 * Reads the official keys of every family in one scan of `model` (one `match` per family, each pattern bound) and the
 * links from the visible snapshots, and walks each family.
 */
export async function computeFamiliesWalk(conn: ClickHouseConnection, params: FamiliesWalkParams): Promise<WalkRow[]> {
  const n = params.families.length;
  if (n === 0 || params.officials.length !== n) return [];
  const values: Record<string, string> = {};
  const hits: string[] = [];
  params.officials.forEach((official, i) => {
    values[`re${i}`] = chRegex(official);
    hits.push(`match(key, $re${i})`);
  });
  // only placeholders are spliced here; the patterns are bound as literals
  const rows = await conn.rows<{ key: string; hits: number[] }>(
    bind(`SELECT key, hits FROM (SELECT key, [${hits.join(", ")}] AS hits FROM model) WHERE has(hits, 1)`, values),
  );
  const officials = params.families.map((family, i) => ({
    family,
    keys: rows.filter((r) => Number(r.hits[i]) === 1).map((r) => r.key),
  }));
  const links = rows.length === 0 || params.depth === 0 ? [] : await visibleLinks(conn);
  return walkFamilies(officials, links, params);
}

/** Creates the walk table of `rows` on the coordinator and returns its name. */
export async function createWalkTable(conn: ClickHouseConnection, rows: readonly WalkRow[]): Promise<string> {
  await dropStaleWalkTables(conn);
  const name = `${WALK_TABLE}_${Date.now()}_${Math.random().toString(16).slice(2, 10)}`;
  await conn.command(
    `CREATE TABLE ${identifier(name)} (family String, key String, depth UInt32, relation String, via Nullable(String), path Array(String)) ENGINE = Memory`,
  );
  try {
    for (let i = 0; i < rows.length; i += 50_000)
      await conn.insert(
        name,
        rows.slice(i, i + 50_000).map((r) => ({ ...r, family: r.family ?? "" })) as unknown as Record<
          string,
          unknown
        >[],
      );
  } catch (err) {
    await dropWalkTable(conn, name);
    throw err;
  }
  return name;
}

/** Drops a walk table (ignoring errors: a leftover is dropped later as stale). */
export async function dropWalkTable(conn: ClickHouseConnection, name: string): Promise<void> {
  try {
    await conn.command(`DROP TABLE IF EXISTS ${identifier(name)}`);
  } catch {
    // dropped by a later walk
  }
}

let lastSweep = 0;

/** Drops walk tables left by killed processes (their name carries their creation time), at most once a minute. */
async function dropStaleWalkTables(conn: ClickHouseConnection): Promise<void> {
  const now = Date.now();
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  try {
    const tables = await conn.rows<{ name: string }>(
      "SELECT name FROM system.tables WHERE database = currentDatabase() AND startsWith(name, 'family_walk_')",
    );
    for (const { name } of tables) {
      const ms = Number(/^family_walk_(\d+)_/.exec(name)?.[1]);
      if (Number.isFinite(ms) && now - ms > STALE_MS) await dropWalkTable(conn, name);
    }
  } catch {
    // best effort
  }
}

/** Replaces the walk table's name in a catalog query's ClickHouse text (before binding: literals are untouched). */
export function withWalkTable(sql: string, table: string): string {
  return sql.replace(/\bfamily_walk\b/g, identifier(table));
}
