/**
 * The data of a compare chart: for each item (model, family, organisation) its 30-day downloads per bucket of the
 * stored snapshots, from the catalog's series queries (model-series, family-series, org-series). Used by the SVG
 * embed route and available to `/api/compare`, so both draw the same numbers.
 */

import { comparePoints, type SnapshotRow } from "../answers/coverage.js";
import type { Bucket } from "../domain/buckets.js";
import { type Family, findFamily, loadFamilies, officialSqlParams } from "../domain/families.js";
import { InputError } from "../errors.js";
import { familySeries } from "../queries/families.js";
import { modelDetail, resolveSnapshot, snapshotList } from "../queries/index.js";
import { modelSeries, orgSeries } from "../queries/series.js";
import type { Store } from "../store/store.js";
import { type CompareRef, parseCompareIds } from "./compare-ids.js";

/** One item of a compare chart with its points (oldest first). */
export interface CompareItem {
  /** The item as in the URL: `author/name` (canonical case), `family:NAME`, `org:AUTHOR`. */
  id: string;
  kind: CompareRef["kind"];
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

/** Loads the points of one item; throws InputError when the model, family or organisation is unknown. */
async function loadItem(
  store: Store,
  ref: CompareRef,
  families: readonly Family[],
  range: { from: string | null; to: string | null; bucket: Bucket },
  snapshots: readonly SnapshotRow[],
): Promise<CompareItem> {
  const points = (rows: ReadonlyArray<{ lastDate: string; downloads: number | null }>) =>
    comparePoints(rows, snapshots);
  if (ref.kind === "model") {
    const [m] = await store.query(modelDetail, { id: ref.key, date: null });
    if (!m) throw new InputError(`model not found: ${ref.key}`, { field: "ids" });
    const rows = await store.query(modelSeries, { id: ref.key, ...range });
    return {
      id: m.id,
      kind: "model",
      label: m.id,
      points: points(rows),
    };
  }
  if (ref.kind === "family") {
    const f = findFamily(families, ref.key);
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
  const rows = await store.query(orgSeries, { author: ref.key, match: null, ...range });
  if (rows.length === 0) throw new InputError(`organisation not found: ${ref.key}`, { field: "ids" });
  return {
    id: `org:${ref.key}`,
    kind: "org",
    label: ref.key,
    points: points(rows),
  };
}

/**
 * The compare data of a comma-separated list of items (`a/b,family:llama-2,org:lmsys`, at most 10). Throws
 * InputError for an invalid list or an unknown item.
 */
export async function loadCompareData(store: Store, ids: string, opts: CompareOptions = {}): Promise<CompareData> {
  const { refs, errors } = parseCompareIds(ids);
  if (errors.length > 0) throw new InputError(errors.join("; "), { field: "ids" });
  if (refs.length === 0)
    throw new InputError("no items to compare: give ids=a/b,family:NAME,org:AUTHOR", { field: "ids" });
  const families = opts.families ?? (refs.some((r) => r.kind === "family") ? await loadFamilies() : []);
  const range = { from: opts.from ?? null, to: opts.to ?? null, bucket: opts.bucket ?? "day" };
  const [snap] = await store.query(resolveSnapshot, { date: null });
  const snapshots = await store.query(snapshotList, {});
  const items: CompareItem[] = [];
  for (const ref of refs) items.push(await loadItem(store, ref, families, range, snapshots));
  return { dataAsOf: snap?.date ?? null, items };
}
