/**
 * The data of a compare chart: for each item (model, family, organisation) its 30-day downloads per bucket of the
 * stored snapshots, from the catalog's series queries (model-series, family-series, org-series). Used by the SVG
 * embed route and available to `/api/compare`, so both draw the same numbers.
 */

import { comparePoints, type SnapshotRow } from "../answers/coverage.js";
import type { Bucket } from "../domain/buckets.js";
import { type Family, loadFamilies, officialSqlParams } from "../domain/families.js";
import { InputError } from "../errors.js";
import {
  familySeries,
  modelDetail,
  modelSeries,
  orgSeries,
  resolveSnapshot,
  snapshotList,
  topModels,
} from "../queries/index.js";
import type { Store } from "../store/store.js";
import { type CompareRef, parseCompareIds, resolveFamilyName } from "./compare-ids.js";

/** A compare item that names nothing known: an unknown model, family, organisation or name (a 404 on the API). */
export class CompareNotFound extends InputError {}

/** One item of a compare chart with its points (oldest first). */
export interface CompareItem {
  /** The item as in the URL: `author/name` (canonical case), `family:NAME`, `org:AUTHOR`. */
  id: string;
  kind: Exclude<CompareRef["kind"], "name">;
  /** What a legend shows: the model id, the family's title, the organisation. */
  label: string;
  /**
   * 30-day downloads at the last snapshot of each bucket (`date` = that snapshot); `coverageChanged`: that snapshot
   * covers other models than the previous point's (the jump there is not growth).
   */
  points: Array<{ date: string; downloads: number | null; coverageChanged?: boolean }>;
}

/** The answer of {@link loadCompareData}. */
export interface CompareData {
  /** The latest complete snapshot (null when the store has none). */
  dataAsOf: string | null;
  items: CompareItem[];
}

/** Options of {@link loadCompareData}. */
export interface CompareOptions {
  /** The family registry (default: the shipped families). */
  families?: readonly Family[];
  from?: string | null;
  to?: string | null;
  /** Default `day`: one point per snapshot, as `/api/compare`. */
  bucket?: Bucket;
}

/** The organisation `author` as the store spells it (its latest repo's author), or null when it has no repo listed. */
async function orgSpelling(store: Store, author: string): Promise<string | null> {
  const [m] = await store.query(topModels, {
    date: null,
    limit: 1,
    task: null,
    library: null,
    license: null,
    author,
  });
  return m?.author ?? null;
}

/**
 * A typed name as a family (slug or title, compared loosely) or else an organisation (case-insensitive); throws
 * {@link CompareNotFound} naming the families when it is neither.
 */
async function resolveName(store: Store, ref: CompareRef, families: readonly Family[]): Promise<CompareRef> {
  const f = resolveFamilyName(families, ref.key);
  if (f) return { id: `family:${f.name}`, kind: "family", key: f.name };
  const author = /^[A-Za-z0-9][\w.-]*$/.test(ref.key) ? await orgSpelling(store, ref.key) : null;
  if (author) return { id: `org:${author}`, kind: "org", key: author };
  throw new CompareNotFound(
    `"${ref.key.slice(0, 100)}" is neither a family (${families.map((x) => x.name).join(", ")}) nor an organisation with repos, nor a model id author/name`,
    { field: "ids" },
  );
}

/** Loads the points of one item; throws CompareNotFound when the model, family or organisation is unknown. */
async function loadItem(
  store: Store,
  given: CompareRef,
  families: readonly Family[],
  range: { from: string | null; to: string | null; bucket: Bucket },
  snapshots: readonly SnapshotRow[],
): Promise<CompareItem> {
  const points = (rows: ReadonlyArray<{ lastDate: string; downloads: number | null }>) =>
    comparePoints(rows, snapshots);
  const ref = given.kind === "name" ? await resolveName(store, given, families) : given;
  if (ref.kind === "model") {
    const [m] = await store.query(modelDetail, { id: ref.key, date: null });
    if (!m) throw new CompareNotFound(`model not found: ${ref.key}`, { field: "ids" });
    const rows = await store.query(modelSeries, { id: ref.key, ...range });
    return {
      id: m.id,
      kind: "model",
      label: m.id,
      points: points(rows),
    };
  }
  if (ref.kind === "family") {
    const f = families.find((x) => x.name === ref.key.toLowerCase());
    if (!f) {
      throw new CompareNotFound(
        `unknown family "${ref.key.slice(0, 100)}"; known families: ${families.map((x) => x.name).join(", ")}`,
        { field: "ids" },
      );
    }
    const rows = await store.query(familySeries, {
      official: officialSqlParams(f).officialPattern,
      relations: null,
      depth: 50,
      scope: "total",
      ...range,
    });
    return {
      id: `family:${f.name}`,
      kind: "family",
      label: f.title,
      points: points(rows),
    };
  }
  // spelled as at the latest snapshot; an organisation listed only in earlier snapshots keeps the spelling given
  const author = (await orgSpelling(store, ref.key)) ?? ref.key;
  const rows = await store.query(orgSeries, { author, match: null, ...range });
  if (rows.length === 0) {
    throw new CompareNotFound(`unknown organisation: ${ref.key.slice(0, 200)}`, { field: "ids" });
  }
  return {
    id: `org:${author}`,
    kind: "org",
    label: author,
    points: points(rows),
  };
}

/**
 * The compare data of a comma-separated list of items (`a/b,family:llama-2,org:lmsys,vicuna`, at most 10). Throws
 * InputError for an invalid list, {@link CompareNotFound} for an unknown item. Items that resolve to the same one
 * (`vicuna` and `family:vicuna`) count once.
 */
export async function loadCompareData(store: Store, ids: string, opts: CompareOptions = {}): Promise<CompareData> {
  const { refs, errors } = parseCompareIds(ids);
  if (errors.length > 0) throw new InputError(errors.join("; "), { field: "ids" });
  if (refs.length === 0)
    throw new InputError("no items to compare: give ids=a/b,family:NAME,org:AUTHOR", { field: "ids" });
  const families =
    opts.families ?? (refs.some((r) => r.kind !== "model" && r.kind !== "org") ? await loadFamilies() : []);
  const range = { from: opts.from ?? null, to: opts.to ?? null, bucket: opts.bucket ?? "day" };
  const [snap] = await store.query(resolveSnapshot, { date: null });
  const snapshots = await store.query(snapshotList, {});
  const items: CompareItem[] = [];
  for (const ref of refs) {
    const item = await loadItem(store, ref, families, range, snapshots);
    if (!items.some((i) => i.id.toLowerCase() === item.id.toLowerCase())) items.push(item);
  }
  return { dataAsOf: snap?.date ?? null, items };
}
