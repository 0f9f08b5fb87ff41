/**
 * The items a compare chart can hold, as written in a URL (`ids=meta-llama/Llama-2-7b-hf,family:llama-2,org:lmsys`)
 * or typed by a person: a bare name (`vicuna`, `Llama 2`, `LMSYS`) is kept as a `name` to resolve against the family
 * registry and the store (a family first, then an organisation). Pure string handling, shared by the browser and the
 * server.
 */

/** At most this many items on one compare chart (as npm trends). */
export const MAX_COMPARE_ITEMS = 10;

/** One compare item: a model (`author/name`), a family (`family:NAME`), an organisation (`org:AUTHOR`), or a bare name. */
export interface CompareRef {
  /** The item as written in the URL, normalised (`family:llama-2`, `org:lmsys`, `author/name`, `vicuna`). */
  id: string;
  /** `name`: typed without a prefix; resolved to a family or an organisation by {@link resolveName} and the store. */
  kind: "model" | "family" | "org" | "name";
  /** The model id, family name, author or name. */
  key: string;
}

/** Parses one item; null when it is not a model id, `family:NAME`, `org:AUTHOR` or a name. */
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
  if (/^[A-Za-z0-9][\w. -]{0,99}$/.test(s)) return { id: s, kind: "name", key: s };
  return null;
}

/** A name compared loosely: lower case, letters and digits only (`Llama 2`, `llama-2` and `LLAMA2` are one name). */
export function looseName(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/**
 * The family a typed name means, by its slug or title compared loosely (`vicuna`, `Llama 2`, `llama2`); null when
 * none does (the name may then be an organisation).
 */
export function resolveFamilyName<F extends { name: string; title: string }>(
  families: readonly F[],
  name: string,
): F | null {
  const want = looseName(name);
  if (!want) return null;
  return families.find((f) => looseName(f.name) === want || looseName(f.title) === want) ?? null;
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
      errors.push(`"${raw.trim()}" is not a model id (author/name), a name, family:NAME or org:AUTHOR`);
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
