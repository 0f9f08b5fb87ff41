/**
 * The lineage walks stored at load (migration 009, issue 15; the design in src/store/stored-walks.ts): `family_walk`
 * names each stored walk by the parameters a family query binds (official pattern, relations — NULL for the default
 * set —, depth), `family_member` holds its models (mid and key, depth, the relation and parent they were reached by).
 * A walk with no official repo in the store is a `family_walk` row without members (stored, and empty).
 *
 * Every load rewrites both tables from the models and links it leaves, inside its transaction, after its last date
 * ({@link writeFamilyWalks}), so they always describe the data a reader sees. The family queries that have a
 * `duckdb-stored.sql` read them when the store holds the walk of their parameters (src/store/duckdb/duckdb-store.ts);
 * otherwise they walk.
 */
import { type DuckDBConnection, LIST, listValue, VARCHAR } from "@duckdb/node-api";
import { registryWalks, STORED_WALK_DEPTH, storedWalkRows, type WalkLink } from "../stored-walks.js";

/** Creates the tables (migration 009). */
export const CREATE_FAMILY_WALKS = `
CREATE TABLE family_walk (
  walk_id    INTEGER NOT NULL,
  family     VARCHAR NOT NULL,   -- the registry family it was stored for (for reading only)
  official   VARCHAR NOT NULL,   -- the official pattern, exactly as the family queries bind it ($official)
  relations  VARCHAR,            -- $relations: NULL = every stated relation but reupload
  max_depth  INTEGER NOT NULL    -- $depth
);
CREATE TABLE family_member (
  walk_id    INTEGER NOT NULL,
  mid        INTEGER NOT NULL,
  key        VARCHAR NOT NULL,
  depth      INTEGER NOT NULL,   -- 0 = official
  relation   VARCHAR NOT NULL,   -- how it was reached ('official' at depth 0)
  via        VARCHAR             -- the parent it was reached from (NULL at depth 0)
);`;

/** Where {@link writeFamilyWalks} appends the walked rows before they take their `mid` (temporary). */
const CREATE_STAGE_MEMBER = `CREATE OR REPLACE TEMP TABLE stage_member (walk_id INTEGER, key VARCHAR, depth INTEGER,
  relation VARCHAR, via VARCHAR)`;

/**
 * The links a default walk may follow from the official keys (`$officials`): a link is followed only from a repo the
 * walk reached, which is an official one or the child of a link, so links whose parent is neither are left out (on
 * the full listing 75,000 of 126,000, which the binding turned into JavaScript strings one value at a time: 0.2–0.3 s).
 */
const LINKS = `SELECT child_key, parent_key, relation FROM model_link
WHERE relation <> 'reupload' AND (parent_key IN (SELECT unnest($officials::VARCHAR[]))
  OR parent_key IN (SELECT child_key FROM model_link WHERE relation <> 'reupload'))`;

/**
 * Rewrites the stored walks of every registry family from the models and links in the store (run inside the load's
 * transaction). Returns how many member rows it wrote.
 */
export async function writeFamilyWalks(conn: DuckDBConnection): Promise<number> {
  const specs = await registryWalks();
  await conn.run("DELETE FROM family_member");
  await conn.run("DELETE FROM family_walk");
  if (specs.length === 0) return 0;
  await conn.run(
    `INSERT INTO family_walk
SELECT i::INTEGER, $families[i], $officials[i], NULL, $depth::INTEGER FROM range(1, len($families) + 1) t(i)`,
    {
      families: listValue(specs.map((s) => s.family)),
      officials: listValue(specs.map((s) => s.official)),
      depth: STORED_WALK_DEPTH,
    },
    { families: LIST(VARCHAR), officials: LIST(VARCHAR) },
  );
  // the official keys: one scan of `model` with every pattern at once, then each pattern on those few keys (a bound
  // pattern is compiled once; only placeholders are spliced here)
  const values: Record<string, string> = { any: specs.map((s) => `(?:${s.official})`).join("|") };
  const hits = specs.map((s, i) => {
    values[`re${i}`] = s.official;
    return `regexp_matches(key, $re${i})`;
  });
  const cand = (
    await conn.runAndReadAll(
      `SELECT key, [${hits.join(", ")}] AS hits FROM (SELECT key FROM model WHERE regexp_matches(key, $any))`,
      values,
    )
  ).getRowObjectsJS() as Array<{ key: string; hits: boolean[] }>;
  const officials = specs.map((_, i) => cand.filter((r) => r.hits[i] === true).map((r) => r.key));
  let links: WalkLink[] = [];
  if (cand.length > 0) {
    const officialKeys = listValue(cand.map((r) => r.key));
    const read = await conn.runAndReadAll(LINKS, { officials: officialKeys }, { officials: LIST(VARCHAR) });
    // VARCHAR values are JavaScript strings as they come (`getColumns`); the JS conversion of `getColumnsJS` took
    // 0.2 s more for the 126,000 links of the full listing
    const cols = read.getColumns() as string[][];
    const [child = [], parent = [], relation = []] = cols;
    links = child.map((c, i) => ({ child_key: c, parent_key: parent[i] as string, relation: relation[i] as string }));
  }
  const rows = storedWalkRows(specs, officials, links);
  if (rows.length === 0) return 0;
  // the rows go through an appender into a temporary table, then take their mid in one join (binding five lists of
  // the 42,000 rows of the full listing as parameters cost 0.4 s)
  await conn.run(CREATE_STAGE_MEMBER);
  const app = await conn.createAppender("stage_member", "main", "temp");
  try {
    for (const r of rows) {
      app.appendInteger(Number(r.family) + 1);
      app.appendVarchar(r.key);
      app.appendInteger(r.depth);
      app.appendVarchar(r.relation);
      if (r.via === null) app.appendNull();
      else app.appendVarchar(r.via);
      app.endRow();
    }
    app.flushSync();
  } finally {
    app.closeSync();
  }
  await conn.run(`INSERT INTO family_member
SELECT s.walk_id, m.mid, s.key, s.depth, s.relation, s.via FROM stage_member s JOIN model m ON m.key = s.key`);
  await conn.run("DROP TABLE stage_member");
  return rows.length;
}

/**
 * Whether the store holds the walk of a family query's parameters (`official`, `relations`, `depth`), or for
 * families-ranking (`officials`) the walk of every family. False on a store without the tables (a read-only open of
 * an older schema): the query then walks.
 */
export async function holdsStoredWalk(conn: DuckDBConnection, params: Record<string, unknown>): Promise<boolean> {
  const relations = (params.relations ?? null) as string | null;
  const depth = Number(params.depth);
  try {
    if (Array.isArray(params.officials)) {
      const officials = [...new Set(params.officials.map(String))];
      const [r] = (
        await conn.runAndReadAll(
          `SELECT count(DISTINCT official) AS n FROM family_walk
WHERE list_contains($officials, official) AND relations IS NOT DISTINCT FROM $relations::VARCHAR AND max_depth = $depth`,
          { officials: listValue(officials), relations, depth },
          { officials: LIST(VARCHAR) },
        )
      ).getRowObjectsJS();
      return Number(r?.n ?? 0) === officials.length;
    }
    if (typeof params.official !== "string") return false;
    const [r] = (
      await conn.runAndReadAll(
        `SELECT count(*) AS n FROM family_walk
WHERE official = $official AND relations IS NOT DISTINCT FROM $relations::VARCHAR AND max_depth = $depth`,
        { official: params.official, relations, depth },
      )
    ).getRowObjectsJS();
    return Number(r?.n ?? 0) > 0;
  } catch {
    return false;
  }
}
