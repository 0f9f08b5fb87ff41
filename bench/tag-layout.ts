/**
 * Tag-list layouts of the `model` rows, measured (issue 15 item 5, helper tool; not part of `npm run bench`): what
 * writing the full listing's model rows costs with the tag lists in the row (today), with no tags at all (the bound of
 * what any layout can save), with the lists stored once per distinct list (`tag_set`: the 107,052 distinct lists of
 * the 760,000 models, found by an exact DISTINCT, written without FSST, the model row holding the set's id through a
 * join on the list), and with each list as JSON text in a column forced to Dictionary compression. The file is staged
 * once with the load's own SQL and budgets (src/store/duckdb/stage-sql.ts, load-session.ts); each layout then writes
 * into a fresh database file inside a transaction, committed and checkpointed, `TAG_LAYOUT_REPEAT` times (default 3)
 * interleaved. Prints wall and process CPU time (the CPU time is the steadier figure on a busy machine) per round, the
 * medians, and each file's size.
 *
 *   npx tsx bench/tag-layout.ts [file]        (default: the full 2024-07-11 listing from ../shared)
 */
import { mkdtempSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { COMMIT_MEMORY_MB_PER_FILE, LOAD_MEMORY_MB_PER_FILE } from "../src/store/duckdb/load-session.js";
import { CREATE_STAGE, RULE_BINDINGS, STAGE_JSONL } from "../src/store/duckdb/stage-sql.js";

const ROOT = path.resolve(import.meta.dirname, "..");
const SHARED = process.env.OMO_SHARED_DIR ?? path.resolve(ROOT, "../shared");
const FILE = process.argv[2] ?? path.join(SHARED, "data/hub/2024-07-11/models.jsonl.gz");
const REPEAT = Number(process.env.TAG_LAYOUT_REPEAT ?? 3);

/** The model table of migration 001 with the tag column given. */
const model = (tags: string) => `CREATE TABLE x.model (mid INTEGER NOT NULL, key VARCHAR NOT NULL, id VARCHAR NOT NULL,
  author VARCHAR NOT NULL, created_at TIMESTAMP, last_modified TIMESTAMP, pipeline_tag VARCHAR, library_name VARCHAR,
  license VARCHAR, gated VARCHAR, private BOOLEAN, ${tags}, first_seen DATE NOT NULL, last_seen DATE NOT NULL,
  meta_date DATE NOT NULL)`;
const COLS = `n.key, n.id, n.author, n.created_at, n.last_modified, n.pipeline_tag, n.library_name, n.license, n.gated,
  n.private`;
/** As commit-sql.ts INSERT_MODELS writes them (every model new). */
const rows = (tags: string, join = "") => `INSERT INTO x.model SELECT nextval('x.mid_seq'), ${COLS}, ${tags},
  n.snap_date, n.snap_date, n.snap_date FROM stage_model n ANTI JOIN x.model m ON m.key = n.key ${join}`;

/** Each layout: the statements run inside the transaction (`SET` statements included). */
const LAYOUTS: Record<string, string[]> = {
  lists: [model("tags VARCHAR[]"), rows("n.tags")],
  none: [model("tags VARCHAR[]"), rows("NULL")],
  // each list as its JSON text in a dictionary-compressed column (a dictionary of whole lists per segment)
  "text-dict": [model("tags VARCHAR USING COMPRESSION dictionary"), rows("CAST(to_json(n.tags) AS VARCHAR)")],
  sets: [
    model("tag_set INTEGER"),
    "CREATE TABLE x.tag_set (id INTEGER NOT NULL, tags VARCHAR[] NOT NULL)",
    `CREATE OR REPLACE TEMP TABLE stage_tag_set AS SELECT row_number() OVER ()::INTEGER AS id, tags
     FROM (SELECT DISTINCT tags FROM stage_model WHERE tags IS NOT NULL)`,
    // the set lists pick Dictionary compression; FSST's analysis of their strings is most of its cost on a load
    "SET disabled_compression_methods = 'fsst'",
    "INSERT INTO x.tag_set SELECT id, tags FROM stage_tag_set",
    "SET disabled_compression_methods = ''",
    rows("t.id", "LEFT JOIN stage_tag_set t ON t.tags = n.tags"),
  ],
};

const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

const dir = mkdtempSync(path.join(os.tmpdir(), "omo-tag-layout-"));
try {
  const inst = await DuckDBInstance.create(path.join(dir, "stage.duckdb"));
  const c = await inst.connect();
  await c.run("SET TimeZone = 'UTC'");
  await c.run(`SET memory_limit = '${LOAD_MEMORY_MB_PER_FILE}MB'`);
  await c.run(CREATE_STAGE);
  let t = performance.now();
  await c.run(STAGE_JSONL, { file_no: 1, path: FILE, default_date: "2024-07-11", ...RULE_BINDINGS });
  const [n] = (
    await c.runAndReadAll("SELECT count(*) AS n, count(DISTINCT tags) AS sets FROM stage_model")
  ).getRowObjectsJS();
  console.log(`staged ${n?.n} rows, ${n?.sets} distinct tag lists, in ${Math.round(performance.now() - t)} ms`);
  await c.run(`SET memory_limit = '${COMMIT_MEMORY_MB_PER_FILE}MB'`);
  const got: Record<string, { wall: number[]; cpu: number[]; mb: number[] }> = {};
  for (let round = 1; round <= REPEAT; round++) {
    for (const [name, statements] of Object.entries(LAYOUTS)) {
      const file = path.join(dir, `${name}-${round}.duckdb`);
      await c.run(`ATTACH '${file}' AS x`);
      await c.run("CREATE SEQUENCE x.mid_seq START 1");
      t = performance.now();
      const u = process.cpuUsage();
      await c.run("BEGIN TRANSACTION");
      for (const sql of statements) await c.run(sql);
      await c.run("COMMIT");
      await c.run("CHECKPOINT x");
      const wall = performance.now() - t;
      const cpu = cpuMs(process.cpuUsage(u));
      await c.run("DETACH x");
      const mb = statSync(file).size / 1e6;
      rmSync(file, { force: true });
      const g = got[name] ?? { wall: [], cpu: [], mb: [] };
      got[name] = g;
      g.wall.push(wall);
      g.cpu.push(cpu);
      g.mb.push(mb);
      console.log(
        `round ${round} ${name.padEnd(6)} wall ${wall.toFixed(0).padStart(6)} ms  cpu ${cpu.toFixed(0).padStart(6)} ms  ${mb.toFixed(1)} MB`,
      );
    }
  }
  for (const [name, g] of Object.entries(got))
    console.log(
      `median ${name.padEnd(6)} wall ${median(g.wall).toFixed(0).padStart(6)} ms  cpu ${median(g.cpu).toFixed(0).padStart(6)} ms  ${median(g.mb).toFixed(1)} MB`,
    );
  c.closeSync();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
