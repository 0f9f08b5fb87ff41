/** What the ClickHouse contract tests share: the server guard, local servers, and the lineage fixture. */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import lockfile from "proper-lockfile";
import { commitData } from "../../src/ingest/commit-data.js";
import { CATALOG } from "../../src/queries/index.js";
import { ClickHouseConnection, parseClickHouseUrl } from "../../src/store/clickhouse/connection.js";
import type { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import type { Store } from "../../src/store/store.js";
import { ROOT, SAMPLE } from "../helpers.js";
import {
  hasClickHouseServer,
  type LocalClickHouse,
  startLocalClickHouse as startOwnClickHouse,
} from "../support/local-clickhouse.js";
import { duckFromTemplate, runDir } from "../support/store-templates.js";

export { hasClickHouseServer, type LocalClickHouse } from "../support/local-clickhouse.js";

/**
 * The ClickHouse servers of this test run (one node, or two shards), started by the first test file that asks and
 * reused by the others (the global setup, test/support/clickhouse-global.ts, stops them at the end). Each call gets
 * its own database names: `storeUrl("omo")` names `omo_<random>`, so test files never see each other's data;
 * `stop()` drops the databases this handle named. Outside a vitest run with the global setup, a private server is
 * started and stopped as before.
 */
export async function startLocalClickHouse(mode: "single" | "two-shard"): Promise<LocalClickHouse> {
  const stateDir = runDir();
  if (!stateDir) return startOwnClickHouse(mode);
  const record = path.join(stateDir, `${mode}.json`);
  const release = await lockfile.lock(stateDir, { retries: { retries: 600, minTimeout: 200, maxTimeout: 1000 } });
  let info: { dir: string; nodes: string[] };
  try {
    if (existsSync(record)) info = JSON.parse(readFileSync(record, "utf8"));
    else {
      const started = await startOwnClickHouse(mode);
      info = { dir: started.dir, nodes: started.nodes };
      writeFileSync(record, JSON.stringify(info));
    }
  } finally {
    await release();
  }
  const suffix = randomBytes(4).toString("hex");
  const named = new Set<string>();
  const url = (db: string) => `clickhouse://${info.nodes.map((u) => u.replace(/^http:\/\//, "")).join(",")}/${db}`;
  return {
    dir: info.dir,
    nodes: info.nodes,
    storeUrl: (db) => {
      const name = `${db}_${suffix}`;
      named.add(name);
      return url(name);
    },
    stop: async () => {
      // the servers stay up for the next test file; this file's databases go
      for (const name of named) {
        const conn = new ClickHouseConnection(parseClickHouseUrl(url(name)));
        await conn.commandEach(`DROP DATABASE IF EXISTS ${name}`).catch(() => undefined);
        await conn.close();
      }
    },
  };
}

/** The same as {@link startLocalClickHouse}: the shared servers of this run. */
export const useClickHouse = startLocalClickHouse;

/** A second snapshot with lineage from every source form (tags, cardData, baseModels), aliases and licences. */
export const LINEAGE = path.join(ROOT, "test/fixtures/lineage/lineage.jsonl");

/**
 * Whether clickhouse-server is installed. Without it a suite skips with a message; with CI=true it fails instead
 * (`.ci/run` installs Debian's package).
 */
export function clickHouseLive(): boolean {
  if (hasClickHouseServer()) return true;
  if (process.env.CI === "true") throw new Error("CI=true but clickhouse-server is not installed");
  console.warn("skipping: clickhouse-server not found (apt-get install clickhouse-server)");
  return false;
}

/**
 * Loads JSON Lines files into a store, each as its own snapshot load of the given date, with the shipped aliases,
 * licence map and re-upload rule (as `omo import` commits); `source` defaults to `test:<file name>`.
 */
export async function loadDated(
  store: Store,
  inputs: ReadonlyArray<readonly [file: string, date: string]>,
  source?: string,
): Promise<void> {
  const data = await commitData();
  for (const [file, date] of inputs) {
    const s = await store.beginLoad();
    await s.stage({ path: file, format: "jsonl", label: file, defaultDate: date });
    await s.commit({ source: source ?? `test:${path.basename(file)}`, ...data });
  }
}

/** What the model cards of 84 sample repos tagged other/unknown say about their licence (real bodies; see its README). */
export const CARD_LICENCES = path.join(ROOT, "test/fixtures/openness/card-licences-2024-07-11.jsonl");

/** Stores {@link CARD_LICENCES} as if `omo ingest --details` had fetched them on 2024-07-11. */
export async function loadCardLicences(store: Store): Promise<number> {
  const rows = readFileSync(CARD_LICENCES, "utf8")
    .trim()
    .split("\n")
    .map(
      (l) =>
        JSON.parse(l) as {
          id: string;
          license_name: string | null;
          license_link: string | null;
          license: string | null;
        },
    )
    .map((r) => ({
      id: r.id,
      licenseName: r.license_name,
      licenseLink: r.license_link,
      cardLicense: r.license,
      fetchedOn: "2024-07-11",
      source: "test:card-licences-2024-07-11.jsonl",
    }));
  return store.saveCardLicences(rows);
}

/** The committed sample as 2024-07-11 and the lineage fixture as 2025-01-22, with the sample's card licences. */
export async function loadSampleAndLineage(store: Store): Promise<void> {
  await loadDated(store, [
    [SAMPLE, "2024-07-11"],
    [LINEAGE, "2025-01-22"],
  ]);
  await loadCardLicences(store);
}

/** A DuckDB store at `dbPath` as {@link loadSampleAndLineage} leaves an empty one (a copy of the run's template). */
export function sampleAndLineageDuck(dbPath: string): Promise<DuckDBStore> {
  return duckFromTemplate("sample-lineage", dbPath, loadSampleAndLineage);
}

/** The rows of one catalog query case as JSON, or the class and kind of its error (errors must match too). */
export async function caseAnswer(store: Store, name: string, params: Record<string, unknown>): Promise<string> {
  const q = CATALOG[name];
  if (!q) throw new Error(`no catalog query ${name}`);
  try {
    return JSON.stringify(await store.query(q, params));
  } catch (err) {
    const e = err as Error;
    return `error ${e.constructor.name}: ${/regular expression/.test(e.message) ? "regular expression" : e.message}`;
  }
}

/**
 * Runs every case on two stores: the cases whose answers differ (both answers quoted), and how many cases had rows
 * (so that a contract of empty answers cannot pass unnoticed).
 */
export async function contractDiff(
  want: Store,
  got: Store,
  cases: ReadonlyArray<readonly [string, Record<string, unknown>]>,
): Promise<{ failures: string[]; nonEmpty: number }> {
  const failures: string[] = [];
  let nonEmpty = 0;
  for (const [name, params] of cases) {
    const a = await caseAnswer(want, name, params);
    const b = await caseAnswer(got, name, params);
    if (a.startsWith("[{")) nonEmpty++;
    if (a !== b) failures.push(`${name} ${JSON.stringify(params)}\n  duckdb:     ${a}\n  clickhouse: ${b}`);
  }
  return { failures, nonEmpty };
}

/**
 * Makes a store forget the migrations whose versions do not satisfy `keep` (SQL over `version`, e.g. `version != 19`),
 * as a store written before them: its list of applied migrations rewritten without them (18.16 has no DELETE).
 */
export async function forgetMigrations(conn: ClickHouseConnection, keep: string): Promise<void> {
  await conn.command("CREATE TABLE sm_keep AS schema_migrations");
  await conn.command(`INSERT INTO sm_keep SELECT * FROM schema_migrations WHERE ${keep}`);
  await conn.command("DROP TABLE schema_migrations");
  await conn.command("RENAME TABLE sm_keep TO schema_migrations");
}

/**
 * `store` with its answers kept: the same query with the same parameters is asked once. For a DuckDB reference that
 * every ClickHouse mode of a file compares with, loaded once and never written after: the second mode reads the
 * first's answers instead of asking again. A reference written between questions, with a store per mode given the
 * same writes in the same order, keeps its answers in `kept` (one map for the modes) under `state()`, the write it is
 * at; a mode run alone asks.
 */
export function memoQueries<S extends Store>(
  store: S,
  opts: { kept?: Map<string, Promise<unknown[]>>; state?: () => string } = {},
): S {
  const kept = opts.kept ?? new Map<string, Promise<unknown[]>>();
  const query = (q: { name: string }, params: unknown) => {
    const key = `${opts.state?.() ?? ""}|${q.name}|${JSON.stringify(params)}`;
    let answer = kept.get(key);
    if (answer === undefined) {
      answer = store.query(q as never, params as never);
      kept.set(key, answer);
    }
    return answer;
  };
  return new Proxy(store, {
    get: (target, prop, receiver) => (prop === "query" ? query : Reflect.get(target, prop, receiver)),
  });
}
