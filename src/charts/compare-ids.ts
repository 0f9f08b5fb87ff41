/**
 * The items a compare chart can hold, as written in a URL (`ids=meta-llama/Llama-2-7b-hf,family:llama-2,org:lmsys`).
 * Pure string handling, shared by the browser and the server.
 */

/** At most this many items on one compare chart (as npm trends). */
export const MAX_COMPARE_ITEMS = 10;

/** One compare item: a model (`author/name`), a family (`family:NAME`) or an organisation (`org:AUTHOR`). */
export interface CompareRef {
  /** The item as written in the URL, normalised (`family:llama-2`, `org:lmsys`, `author/name`). */
  id: string;
  kind: "model" | "family" | "org";
  /** The model id, family name or author. */
  key: string;
}

/** Parses one item; null when it is not a model id, `family:NAME` or `org:AUTHOR`. */
export function parseCompareRef(raw: string): CompareRef | null {
  const s = raw.trim();
  const m = /^(family|org):(.+)$/i.exec(s);
  if (m) {
    const kind = (m[1] as string).toLowerCase() as "family" | "org";
    const key = (m[2] as string).trim();
    if (!/^[A-Za-z0-9][\w.-]*$/.test(key)) return null;
    return { id: `${kind}:${kind === "family" ? key.toLowerCase() : key}`, kind, key };
  }
  if (/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(s)) return { id: s, kind: "model", key: s };
  return null;
}

/**
 * Parses a comma-separated list of items: drops empty entries and duplicates (case-insensitive); `errors` lists
 * the entries that are not valid items and says when more than {@link MAX_COMPARE_ITEMS} were given.
 */
export function parseCompareIds(list: string | null | undefined): { refs: CompareRef[]; errors: string[] } {
  const refs: CompareRef[] = [];
  const errors: string[] = [];
  const seen = new Set<string>();
  for (const raw of (list ?? "").split(",")) {
    if (!raw.trim()) continue;
    const ref = parseCompareRef(raw);
    if (!ref) {
      errors.push(`"${raw.trim()}" is not a model id (author/name), family:NAME or org:AUTHOR`);
      continue;
    }
    const k = ref.id.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    refs.push(ref);
  }
  if (refs.length > MAX_COMPARE_ITEMS) errors.push(`at most ${MAX_COMPARE_ITEMS} items, got ${refs.length}`);
  return { refs, errors };
}
