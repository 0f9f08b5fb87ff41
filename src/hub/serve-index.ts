/**
 * In-memory index of the local Hub server: sort orders, filtered selections and keyset cursors over a fixed
 * array of model objects. Everything is computed once (lazily) and cached, so a page request costs a binary
 * search plus a slice, even over 760,000 models.
 */
import { z } from "zod";

/** A model object as the server holds it (Hub wire format, keys as loaded). */
export type ServedModel = Readonly<Record<string, unknown>>;

/** `sort` values of `GET /api/models` (hub-api.md §2.4); always descending. */
export const SORT_KEYS = ["downloads", "likes", "createdAt", "lastModified", "trendingScore"] as const;

/** A {@link SORT_KEYS} value. */
export type SortKey = (typeof SORT_KEYS)[number];

/** Sort key value: numbers and ISO strings compare as such; anything else counts as null (sorted last). */
type KeyValue = number | string | null;

/** Position in a sort order: the sort value and the `_id` tie-break of the last item of a page. */
export interface Cursor {
  value: KeyValue;
  tie: string;
}

/** What narrows a listing; `author` is an exact namespace and `search` a substring, both case-insensitive. */
export interface Selection {
  sort: SortKey;
  author?: string;
  search?: string;
  pipelineTag?: string;
  /** Tags that must all be present (AND). */
  filters: readonly string[];
}

/** How many filtered selections are kept (each is a Uint32Array over the matching models). */
const MAX_CACHED_SELECTIONS = 32;

/**
 * Sort orders, selections and id lookup over a fixed model array. Order is `sort` descending, nulls last,
 * tie-break `_id` ascending (the Hub's keyset, hub-api.md §2.4).
 */
export class ModelIndex {
  /** Tie-break per model: `_id`, or `id` when a model has no `_id`. */
  private readonly ties: string[];
  private byId: Map<string, number> | undefined;
  private readonly values = new Map<SortKey, KeyValue[]>();
  private readonly orders = new Map<SortKey, Uint32Array>();
  private readonly selections = new Map<string, Uint32Array>();
  private lowerIds: string[] | undefined;

  constructor(readonly models: readonly ServedModel[]) {
    this.ties = new Array<string>(models.length);
    for (let i = 0; i < models.length; i++) {
      const m = models[i] as ServedModel;
      this.ties[i] = typeof m._id === "string" ? m._id : String(m.id);
    }
  }

  /** Number of models. */
  get size(): number {
    return this.models.length;
  }

  /** The model whose `id` equals `id` case-insensitively (the Hub answers lower-case requests too). */
  lookup(id: string): ServedModel | undefined {
    if (!this.byId) {
      this.byId = new Map();
      const lower = this.lowerIdArray();
      for (let i = lower.length - 1; i >= 0; i--) this.byId.set(lower[i] as string, i);
    }
    const i = this.byId.get(id.toLowerCase());
    return i === undefined ? undefined : this.models[i];
  }

  /** The sort value and tie-break of model `i`, i.e. the cursor that points just after it. */
  cursorAt(sort: SortKey, i: number): Cursor {
    return { value: this.valuesOf(sort)[i] ?? null, tie: this.ties[i] as string };
  }

  /** Model indexes of a selection in sort order (cached; the unfiltered case is the sort order itself). */
  select(sel: Selection): Uint32Array {
    const order = this.order(sel.sort);
    const author = sel.author?.toLowerCase();
    const search = sel.search?.toLowerCase();
    const { pipelineTag, filters } = sel;
    if (!author && !search && !pipelineTag && filters.length === 0) return order;
    const key = JSON.stringify([sel.sort, author, search, pipelineTag, filters]);
    const cached = this.selections.get(key);
    if (cached) {
      this.selections.delete(key);
      this.selections.set(key, cached);
      return cached;
    }
    const lower = this.lowerIdArray();
    const prefix = author ? `${author}/` : undefined;
    const hits: number[] = [];
    for (let k = 0; k < order.length; k++) {
      const i = order[k] as number;
      const id = lower[i] as string;
      if (prefix && !id.startsWith(prefix)) continue;
      if (search && !id.includes(search)) continue;
      const m = this.models[i] as ServedModel;
      if (pipelineTag && m.pipeline_tag !== pipelineTag) continue;
      if (filters.length && !hasAllTags(m.tags, filters)) continue;
      hits.push(i);
    }
    const result = Uint32Array.from(hits);
    this.selections.set(key, result);
    if (this.selections.size > MAX_CACHED_SELECTIONS) {
      const oldest = this.selections.keys().next().value;
      if (oldest !== undefined) this.selections.delete(oldest);
    }
    return result;
  }

  /** Index into `list` of the first model strictly after `cursor` (binary search; `list` is in `sort` order). */
  startAfter(list: Uint32Array, sort: SortKey, cursor: Cursor): number {
    const values = this.valuesOf(sort);
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const i = list[mid] as number;
      if (compareKeys(values[i] ?? null, this.ties[i] as string, cursor.value, cursor.tie) <= 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The full sort order for `sort` (computed once; a pre-sorted input is detected in O(n) and not re-sorted). */
  order(sort: SortKey): Uint32Array {
    const cached = this.orders.get(sort);
    if (cached) return cached;
    const values = this.valuesOf(sort);
    const ties = this.ties;
    const n = this.models.length;
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) {
      if (compareKeys(values[i - 1] ?? null, ties[i - 1] as string, values[i] ?? null, ties[i] as string) > 0) {
        sorted = false;
      }
    }
    if (!sorted)
      order.sort((a, b) => compareKeys(values[a] ?? null, ties[a] as string, values[b] ?? null, ties[b] as string));
    this.orders.set(sort, order);
    return order;
  }

  /** Sort values of every model for one key (non-finite numbers and other types become null). */
  private valuesOf(sort: SortKey): KeyValue[] {
    let values = this.values.get(sort);
    if (!values) {
      values = this.models.map((m) => {
        const v = m[sort];
        return (typeof v === "number" && Number.isFinite(v)) || typeof v === "string" ? v : null;
      });
      this.values.set(sort, values);
    }
    return values;
  }

  private lowerIdArray(): string[] {
    this.lowerIds ??= this.models.map((m) => String(m.id).toLowerCase());
    return this.lowerIds;
  }
}

/** Hub order: value descending (numbers before strings), nulls last, then tie-break ascending. */
export function compareKeys(av: KeyValue, at: string, bv: KeyValue, bt: string): number {
  if (av !== bv) {
    if (av === null) return 1;
    if (bv === null) return -1;
    if (typeof av === typeof bv) return av > bv ? -1 : 1;
    return typeof av === "number" ? -1 : 1;
  }
  return at < bt ? -1 : at > bt ? 1 : 0;
}

function hasAllTags(tags: unknown, wanted: readonly string[]): boolean {
  if (!Array.isArray(tags)) return false;
  for (const w of wanted) if (!tags.includes(w)) return false;
  return true;
}

const KeysetSchema = z.object({ $or: z.array(z.record(z.string(), z.unknown())).min(1) });
const TieSchema = z.object({ $gt: z.string() });

/**
 * Encodes a cursor the way the Hub does (base64 of a MongoDB keyset filter, hub-api.md §2.5), e.g.
 * `{"$or":[{"downloads":2,"_id":{"$gt":"6390..."}},{"downloads":{"$lt":2}},{"downloads":null}]}`.
 */
export function encodeCursor(sort: SortKey, cursor: Cursor): string {
  const first = { [sort]: cursor.value, _id: { $gt: cursor.tie } };
  const or = cursor.value === null ? [first] : [first, { [sort]: { $lt: cursor.value } }, { [sort]: null }];
  return Buffer.from(JSON.stringify({ $or: or })).toString("base64");
}

/** Decodes a cursor made by {@link encodeCursor} for the same `sort`; null when it is malformed or for another sort. */
export function decodeCursor(raw: string, sort: SortKey): Cursor | null {
  try {
    const parsed = KeysetSchema.safeParse(JSON.parse(Buffer.from(raw, "base64").toString("utf8")));
    if (!parsed.success) return null;
    const first = parsed.data.$or[0] as Record<string, unknown>;
    const tie = TieSchema.safeParse(first._id);
    const value = first[sort];
    if (!tie.success || !(sort in first)) return null;
    if (value !== null && typeof value !== "number" && typeof value !== "string") return null;
    return { value, tie: tie.data.$gt };
  } catch {
    return null;
  }
}
