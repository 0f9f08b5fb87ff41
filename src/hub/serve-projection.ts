/**
 * Projections of the local Hub server (which keys a list item carries, hub-api.md §2.2-2.3) and a byte cache of
 * rendered items per projection, so a 1,000-item page is mostly one `memcpy` instead of 1,000 `JSON.stringify`.
 */
import type { ServedModel } from "./serve-index.js";

/** Valid `expand` values: `ExpandModelProperty_T` of huggingface_hub (hub-api.md §2.3). */
export const EXPAND_KEYS = [
  "author",
  "baseModels",
  "cardData",
  "childrenModelCount",
  "config",
  "createdAt",
  "disabled",
  "downloads",
  "downloadsAllTime",
  "evalResults",
  "gated",
  "gguf",
  "inference",
  "inferenceProviderMapping",
  "lastModified",
  "library_name",
  "likes",
  "mask_token",
  "model-index",
  "pipeline_tag",
  "private",
  "resourceGroup",
  "safetensors",
  "sha",
  "siblings",
  "spaces",
  "tags",
  "transformersInfo",
  "trendingScore",
  "usedStorage",
  "widgetData",
] as const;

/** `expand` values accepted only by `/api/models/{id}`, not by the list (PR #3182, hub-api.md §2.3). */
export const INFO_ONLY_EXPAND: ReadonlySet<string> = new Set(["baseModels", "childrenModelCount", "usedStorage"]);

/** Keys of a list item without `expand` (July-2024 default projection, hub-api.md §2.2), in the Hub's order. */
export const DEFAULT_LIST_KEYS = [
  "_id",
  "id",
  "likes",
  "private",
  "downloads",
  "tags",
  "pipeline_tag",
  "library_name",
  "createdAt",
  "modelId",
] as const;

const EXPAND_SET: ReadonlySet<string> = new Set(EXPAND_KEYS);

/**
 * Checks `expand` values for one endpoint; returns the Hub-style 400 message for the first bad one, or null.
 * The message names the valid set: `Invalid option: expected one of "author"|... at expand[i]`.
 */
export function expandError(expand: readonly string[], forList: boolean): string | null {
  const valid = EXPAND_KEYS.filter((k) => !(forList && INFO_ONLY_EXPAND.has(k)));
  for (let i = 0; i < expand.length; i++) {
    const e = expand[i] as string;
    if (!EXPAND_SET.has(e) || (forList && INFO_ONLY_EXPAND.has(e))) {
      return `Invalid option: expected one of ${valid.map((k) => `"${k}"`).join("|")} at expand[${i}]`;
    }
  }
  return null;
}

/** A named way to turn a model into the JSON text of one list item / info body. */
export interface Projection {
  /** Cache key: equal keys render equal text. */
  readonly key: string;
  /** JSON text of the model under this projection (absent and null values are omitted). */
  render(m: ServedModel): string;
}

/** Copies the listed keys that hold a value (never null, never undefined) and stringifies. */
function pick(m: ServedModel, keys: readonly string[]): string {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = m[k];
    if (v !== undefined && v !== null) out[k] = v;
  }
  return JSON.stringify(out);
}

/** The default list projection; `modelId` repeats `id` when a model lacks it (legacy key, hub-api.md §1). */
export const DEFAULT_PROJECTION: Projection = {
  key: "default",
  render(m) {
    const text = pick(m, DEFAULT_LIST_KEYS);
    if ((m.modelId !== undefined && m.modelId !== null) || text === "{}") return text;
    return `${text.slice(0, -1)},"modelId":${JSON.stringify(m.id)}}`;
  },
};

/** The whole stored object, unchanged (`full=true` on the list, no `expand` on model info). */
export const FULL_PROJECTION: Projection = { key: "full", render: (m) => JSON.stringify(m) };

/** Shallow `expand` projection: `_id`, `id` and the expanded keys only (in canonical order, duplicates dropped). */
export function expandProjection(expand: readonly string[]): Projection {
  const wanted = new Set(expand);
  const keys = ["_id", "id", ...EXPAND_KEYS.filter((k) => wanted.has(k))];
  return { key: `expand:${keys.slice(2).join(",")}`, render: (m) => pick(m, keys) };
}

/** Size of one arena chunk of rendered items. */
const CHUNK_BYTES = 16 << 20;
/** How many projections keep a byte cache (each can reach the size of the whole listing). */
const MAX_CACHED_PROJECTIONS = 4;

/** Rendered items of one projection: each model's JSON plus a trailing comma, appended to byte chunks on demand. */
class Arena {
  private readonly chunks: Buffer[] = [];
  private readonly chunkOf: Int32Array;
  private readonly offsetOf: Uint32Array;
  private readonly lengthOf: Uint32Array;
  private used = 0;

  constructor(
    private readonly models: readonly ServedModel[],
    private readonly projection: Projection,
  ) {
    this.chunkOf = new Int32Array(models.length).fill(-1);
    this.offsetOf = new Uint32Array(models.length);
    this.lengthOf = new Uint32Array(models.length);
  }

  /** Renders model `i` unless already cached; returns its byte length (including the comma). */
  ensure(i: number): number {
    if ((this.chunkOf[i] as number) >= 0) return this.lengthOf[i] as number;
    const text = `${this.projection.render(this.models[i] as ServedModel)},`;
    let chunk = this.chunks[this.chunks.length - 1];
    const room = chunk ? chunk.length - this.used : 0;
    if (text.length * 3 > room) {
      const bytes = Buffer.byteLength(text);
      if (bytes > room) {
        chunk = Buffer.allocUnsafeSlow(Math.max(CHUNK_BYTES, bytes));
        this.chunks.push(chunk);
        this.used = 0;
      }
    }
    const written = (chunk as Buffer).write(text, this.used);
    this.chunkOf[i] = this.chunks.length - 1;
    this.offsetOf[i] = this.used;
    this.lengthOf[i] = written;
    this.used += written;
    return written;
  }

  /** `[item,item,...]` for `list[from..to)`; contiguous cached items are copied as one block. */
  page(list: ArrayLike<number>, from: number, to: number): Buffer {
    if (to <= from) return Buffer.from("[]");
    let total = 1;
    for (let k = from; k < to; k++) total += this.ensure(list[k] as number);
    const out = Buffer.allocUnsafe(total);
    out[0] = 0x5b;
    let o = 1;
    let runChunk = -1;
    let runStart = 0;
    let runEnd = 0;
    for (let k = from; k < to; k++) {
      const i = list[k] as number;
      const c = this.chunkOf[i] as number;
      const start = this.offsetOf[i] as number;
      if (c === runChunk && start === runEnd) {
        runEnd += this.lengthOf[i] as number;
        continue;
      }
      if (runChunk >= 0) o += (this.chunks[runChunk] as Buffer).copy(out, o, runStart, runEnd);
      runChunk = c;
      runStart = start;
      runEnd = start + (this.lengthOf[i] as number);
    }
    (this.chunks[runChunk] as Buffer).copy(out, o, runStart, runEnd);
    out[total - 1] = 0x5d;
    return out;
  }
}

/** Byte caches of rendered list items, one arena per projection (least recently used evicted beyond four). */
export class ProjectionCache {
  private readonly arenas = new Map<string, Arena>();

  constructor(private readonly models: readonly ServedModel[]) {}

  /** The JSON array text (UTF-8) of `list[from..to)` under `projection`. */
  page(projection: Projection, list: ArrayLike<number>, from: number, to: number): Buffer {
    let arena = this.arenas.get(projection.key);
    if (arena) {
      this.arenas.delete(projection.key);
    } else {
      arena = new Arena(this.models, projection);
      if (this.arenas.size >= MAX_CACHED_PROJECTIONS) {
        const oldest = this.arenas.keys().next().value;
        if (oldest !== undefined) this.arenas.delete(oldest);
      }
    }
    this.arenas.set(projection.key, arena);
    return arena.page(list, from, to);
  }
}
