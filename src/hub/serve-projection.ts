/**
 * Projections of the local Hub server (which keys a list item carries, hub-api.md §2.2-2.3) and the renderer that
 * writes a page of items straight into reused byte buffers.
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

/** Output buffers kept for reuse (a page is written into one, sent, then handed back). */
const MAX_POOLED_BUFFERS = 8;
/** Initial size of a page buffer; it grows by doubling and keeps its size in the pool. */
const INITIAL_PAGE_BYTES = 1 << 20;

/** A rendered page: its bytes (a view of a pooled buffer) and the callback that returns the buffer to the pool. */
export interface RenderedPage {
  body: Buffer;
  release(): void;
}

/**
 * Renders list pages straight into reused output buffers. Rendering 1,000 items costs ~1-2 ms; what is avoided
 * is fresh memory per page, whose first touch is slower than the JSON work itself in small VMs (measured:
 * caching rendered items in new memory made a cold 760-page crawl ~3x slower than rendering every time).
 */
export class PageRenderer {
  private readonly pool: Buffer[] = [];

  constructor(private readonly models: readonly ServedModel[]) {}

  /** `[item,item,...]` (UTF-8) for `list[from..to)`; call `release()` once the bytes are sent. */
  page(projection: Projection, list: ArrayLike<number>, from: number, to: number): RenderedPage {
    let buf = this.pool.pop() ?? Buffer.allocUnsafeSlow(INITIAL_PAGE_BYTES);
    let o = 0;
    buf[o++] = 0x5b;
    for (let k = from; k < to; k++) {
      const text = projection.render(this.models[list[k] as number] as ServedModel);
      const worst = text.length * 3 + 2;
      if (o + worst > buf.length) {
        const bigger = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, o + worst));
        buf.copy(bigger, 0, 0, o);
        buf = bigger;
      }
      o += buf.write(text, o);
      buf[o++] = 0x2c;
    }
    if (to > from) o -= 1;
    buf[o++] = 0x5d;
    const owned = buf;
    let released = false;
    return {
      body: owned.subarray(0, o),
      release: () => {
        if (released) return;
        released = true;
        if (this.pool.length < MAX_POOLED_BUFFERS) this.pool.push(owned);
      },
    };
  }
}
