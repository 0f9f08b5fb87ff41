/**
 * Visibility decided once per query, then kept while it holds (issue 15). The catalog's ClickHouse texts find the
 * snapshot of a date, its visible `load_id`, the current dimension generation and the writer of a roll-up's date
 * through scalar subqueries over the small tables `snapshot`, `snapshot_rows`, `dim_generation` and the writer lists,
 * repeated wherever each is needed (18.16 has no parameterised CTE). ClickHouse evaluates every copy, and again each
 * time it analyses the part that holds it: on a two-model store top-models spent ~40 of its ~64 ms there, org-ranking
 * ~11 of ~18.
 *
 * So the store evaluates each such lookup once, keeps its value, and sends the query with typed constants
 * (`CAST('2024-07-10' AS Date)`) in their place. The values stay right only while the visible snapshots stay the same;
 * every lookup is a function of them (`snapshot_rows FINAL`, one row per date; the generation and the writer lists
 * follow from the load a date shows, since a load writes its generation and writer lists before its flip). So the
 * values are kept with a fingerprint of the visible snapshot rows ({@link VISIBLE_STATE}, read before they are
 * resolved), and each query carries a guard: the first constant is `if(throwIf(fingerprint now != kept), v, v)`,
 * which ClickHouse folds while it analyses the query, before it picks the parts to read. A load that flipped since
 * makes the query fail at once with the guard's error; the store then forgets every value, resolves them again and
 * re-runs. A query therefore reads rows named by lookups that were true when it was analysed — the same moment the
 * lookups written in the text would have been evaluated — and a load's clean-up (which drops the previous generation
 * right after its flip) cannot remove them under a query that passed its guard any sooner than it could before.
 *
 * Only subqueries in value position are replaced (never the right side of IN, a FROM or a JOIN), only those reading
 * nothing but the small tables (and the top counts: {@link LOOKUP_TABLES}), and only values of plain types (dates,
 * strings, integers, nullable or not); anything else is left as written. The stores bench's synthesised days and the
 * migrations rebuild roll-ups without a flip (`rebuildRollups`): as before, on a store nobody reads.
 */
import type { ClickHouseConnection } from "./connection.js";
import { literal } from "./literal.js";
import { WRITER_LIST_TABLES } from "./rollups.js";

/**
 * The tables whose scalar lookups are resolved before the query: the small tables, and `rollup_top_rows` (each date's
 * top counts under the load that wrote them). A lookup there reads the rows of a visible (date, load): written before
 * that load's flip and deleted only after a later flip of the date, a change of the visible state the guard catches
 * (rebuilt otherwise only by `rebuildRollups`, as above). top-models repeats its cut-off (the `$limit`-th largest
 * count of the date) in five places, each evaluated by 18.16 on its own: kept, it is read once (README, Development).
 */
const LOOKUP_TABLES = new Set([
  "snapshot",
  "snapshot_rows",
  "dim_generation",
  ...WRITER_LIST_TABLES,
  "rollup_top_rows",
]);

/** Types whose `toString` value casts back to the same value. */
const PLAIN_TYPE = /^(?:Nullable\()?(?:Date|DateTime|String|U?Int(?:8|16|32|64))\)?$/;

/**
 * A fingerprint of the visible snapshot rows (one per date, the newest version: what every lookup depends on), as
 * text. A flip changes the row of each date it loads (a new load id and version); merges and clean-ups do not.
 */
export const VISIBLE_STATE = `(SELECT toString(sum(cityHash64(toString(date), load_id, version)))
  FROM snapshot_rows FINAL WHERE status = 'complete')`;

/** The error ClickHouse 18.16 raises for a non-zero `throwIf` (code 395): only the guard uses it. */
const GUARD_FAILED = /Code: 395\b|Value passed to 'throwIf' function is non zero/;

/** A scalar subquery found in a text: its bounds (`(` … `)` inclusive) and its text. */
export interface ScalarLookup {
  start: number;
  end: number;
  sql: string;
}

/**
 * The outermost parenthesised `SELECT`s of `sql` in value position that read only {@link LOOKUP_TABLES}, in order.
 * Quotes, back-quoted names and comments are skipped, so a parenthesis inside them is not counted.
 */
export function scalarLookups(sql: string): ScalarLookup[] {
  const groups: Array<[number, number]> = [];
  const open: number[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === "`" || c === '"') {
      i++;
      while (i < sql.length && sql[i] !== c) i += sql[i] === "\\" ? 2 : 1;
      i++;
      continue;
    }
    if (c === "-" && sql[i + 1] === "-") {
      const nl = sql.indexOf("\n", i);
      i = nl === -1 ? sql.length : nl + 1;
      continue;
    }
    if (c === "/" && sql[i + 1] === "*") {
      const close = sql.indexOf("*/", i + 2);
      i = close === -1 ? sql.length : close + 2;
      continue;
    }
    if (c === "(") open.push(i);
    else if (c === ")") {
      const s = open.pop();
      if (s !== undefined) groups.push([s, i]);
    }
    i++;
  }
  groups.sort((a, b) => a[0] - b[0]);
  const found: ScalarLookup[] = [];
  let coveredTo = -1;
  for (const [start, end] of groups) {
    if (start < coveredTo) continue;
    const inner = sql.slice(start + 1, end);
    if (!/^\s*SELECT\s/i.test(inner) || /--|\/\*/.test(inner)) continue;
    const before = sql.slice(Math.max(0, start - 12), start);
    if (/\b(?:IN|FROM|JOIN|EXISTS)\s*$/i.test(before)) continue;
    const tables = [...inner.matchAll(/\b(?:FROM|JOIN)\s+([A-Za-z_][\w.]*)/gi)].map((m) => m[1] ?? "");
    if (tables.length === 0 || !tables.every((t) => LOOKUP_TABLES.has(t))) continue;
    found.push({ start, end, sql: sql.slice(start, end + 1) });
    coveredTo = end;
  }
  return found;
}

/** A lookup's value as a typed constant: its literal (`'2024-07-10'`, `NULL`) and its ClickHouse type. */
export interface Constant {
  literal: string;
  type: string;
}

/** Values kept for one fingerprint: each lookup's constant, or null to leave that lookup as written. */
interface Kept {
  state: string;
  values: Map<string, Constant | null>;
}

/** The most lookups kept for one fingerprint (parameters make them differ); beyond, the values start over. */
const MAX_KEPT = 2000;

/** How many times a query is re-run after its guard failed (loads flipping meanwhile) before it runs as written. */
const MAX_RETRIES = 3;

/**
 * Runs catalog texts with their small-table lookups as constants (see the file's comment). One per store: the values
 * are shared by its queries, concurrent ones included (each resolution writes into the values of the fingerprint it
 * read first, so a value never outlives the state it was read in).
 */
export class ConstantLookups {
  private kept: Kept | null = null;
  /** Off: every text is sent as written (the lookups bench's baseline, bench/lookups.bench.ts). */
  enabled = true;
  /** What happened so far: fingerprints read, lookups resolved, queries whose guard failed. */
  readonly counts = { states: 0, resolved: 0, guardFailed: 0 };

  constructor(private readonly conn: ClickHouseConnection) {}

  /** The rows of `sql`, sent with its lookups as constants under a guard; as written when it has none. */
  async rows<R>(sql: string): Promise<R[]> {
    const lookups = this.enabled ? scalarLookups(sql) : [];
    if (lookups.length === 0) return this.conn.rows<R>(sql);
    for (let attempt = 0; attempt <= MAX_RETRIES; attempt++) {
      const kept = await this.valuesFor(lookups);
      const text = substitute(sql, lookups, kept);
      if (text === sql) break;
      try {
        return await this.conn.rows<R>(text);
      } catch (err) {
        if (!GUARD_FAILED.test((err as Error).message)) throw err;
        this.counts.guardFailed++;
        // a load flipped since the values were read: forget them all (unless another query already did)
        if (this.kept === kept) this.kept = null;
      }
    }
    return this.conn.rows<R>(sql);
  }

  /** The kept values, with those of `lookups` not yet kept resolved in one query. */
  private async valuesFor(lookups: readonly ScalarLookup[]): Promise<Kept> {
    let kept = this.kept;
    if (kept === null || kept.values.size > MAX_KEPT) {
      // the fingerprint first: values read after it are at least as new, and the guard catches any newer state
      const [row] = await this.conn.rows<{ s: string }>(`SELECT ${VISIBLE_STATE} AS s`);
      kept = { state: String(row?.s ?? ""), values: new Map() };
      this.counts.states++;
      this.kept = kept;
    }
    const missing = [...new Set(lookups.map((l) => l.sql))].filter((s) => !kept.values.has(s));
    if (missing.length > 0) {
      const cols = missing.map((s, k) => `${s} AS c${k}`).join(", ");
      const outs = missing.map((_, k) => `toString(c${k}) AS v${k}, toTypeName(c${k}) AS t${k}`).join(", ");
      const [row] = await this.conn.rows<Record<string, string | null>>(`SELECT ${outs} FROM (SELECT ${cols})`);
      this.counts.resolved += missing.length;
      missing.forEach((s, k) => {
        const type = row?.[`t${k}`];
        const v = row?.[`v${k}`];
        const plain = typeof type === "string" && PLAIN_TYPE.test(type) && v !== undefined;
        kept.values.set(s, plain ? { literal: v === null ? "NULL" : literal(v), type } : null);
      });
    }
    return kept;
  }
}

/**
 * `sql` with each lookup that has a kept constant replaced by it, the first one guarded by the fingerprint; `sql`
 * itself when none has.
 */
export function substitute(sql: string, lookups: readonly ScalarLookup[], kept: Kept): string {
  const first = lookups.findIndex((l) => (kept.values.get(l.sql) ?? null) !== null);
  if (first === -1) return sql;
  let out = sql;
  for (let k = lookups.length - 1; k >= 0; k--) {
    const l = lookups[k] as ScalarLookup;
    const c = kept.values.get(l.sql) ?? null;
    if (c === null) continue;
    // the first as `CAST(if(throwIf(state changed), v, v) AS T)`: the same value, or the guard's error
    const v =
      k === first ? `if(throwIf(${VISIBLE_STATE} != ${literal(kept.state)}), ${c.literal}, ${c.literal})` : c.literal;
    out = `${out.slice(0, l.start)}CAST(${v} AS ${c.type})${out.slice(l.end + 1)}`;
  }
  return out;
}
