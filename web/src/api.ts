/** Fetching the omo JSON API: typed GETs, "not available" for missing routes, one cache per page load. */

/** The API answered with an error, or the route does not exist (yet). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    /** The error answer's JSON (e.g. `known`: the valid names of an unknown family). */
    readonly body: Record<string, unknown> | null = null,
  ) {
    super(message);
    this.name = "ApiError";
  }
  /** True when the route or the thing asked for is absent (404), rather than a bad request or a failure. */
  get notFound(): boolean {
    return this.status === 404;
  }
}

/** A route's URL with its non-empty parameters (the same URL gives `?format=csv`, see {@link csvUrl}). */
export function urlOf(path: string, params: Record<string, string | number | null | undefined> = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined && v !== "") qs.set(k, String(v));
  return `${path}${qs.size > 0 ? `?${qs}` : ""}`;
}

/** GETs a JSON route; throws {@link ApiError} with the server's message on a non-2xx answer. */
export async function getJson<T>(
  path: string,
  params: Record<string, string | number | null | undefined> = {},
): Promise<T> {
  const url = urlOf(path, params);
  let res: Response;
  try {
    res = await fetch(url, { headers: { Accept: "application/json" } });
  } catch (err) {
    throw new ApiError(`the API is not reachable (${(err as Error).message})`, 0);
  }
  const type = res.headers.get("content-type") ?? "";
  const body: unknown = type.includes("json") ? await res.json().catch(() => null) : null;
  if (!res.ok || !type.includes("json")) {
    const b = body as { message?: string; error?: string } | null;
    const msg = b?.message ?? b?.error ?? (res.ok ? "not a JSON answer" : `HTTP ${res.status}`);
    throw new ApiError(msg, res.ok ? 404 : res.status, (body as Record<string, unknown> | null) ?? null);
  }
  return body as T;
}

/** POSTs a JSON body; throws {@link ApiError} with the server's message (and the parameter at fault) on an error. */
export async function postJson<T>(path: string, payload: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method: "POST",
      headers: { Accept: "application/json", "Content-Type": "application/json" },
      body: JSON.stringify(payload),
    });
  } catch (err) {
    throw new ApiError(`the API is not reachable (${(err as Error).message})`, 0);
  }
  const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
  if (!res.ok) throw new ApiError(String(body?.error ?? `HTTP ${res.status}`), res.status, body);
  return body as T;
}

/** Encodes a model id `author/name` for a path (each part escaped, the slash kept). */
export function modelPath(id: string): string {
  return id.split("/").map(encodeURIComponent).join("/");
}

/** A catalog query's definition, for "how is this computed?". */
export interface QueryDefinition {
  name: string;
  description: string;
  sql: string;
}

const queryCache = new Map<string, Promise<QueryDefinition>>();

/** The SQL and description of a named catalog query (cached). */
export function getQuery(name: string): Promise<QueryDefinition> {
  let p = queryCache.get(name);
  if (!p) {
    p = getJson<QueryDefinition>(`/api/queries/${encodeURIComponent(name)}`);
    p.catch(() => queryCache.delete(name));
    queryCache.set(name, p);
  }
  return p;
}

/** The list of an answer that is either a bare array or an object holding it under one of `keys`. */
export function listOf<T>(body: unknown, ...keys: string[]): T[] {
  if (Array.isArray(body)) return body as T[];
  const o = (body ?? {}) as Record<string, unknown>;
  for (const k of keys) if (Array.isArray(o[k])) return o[k] as T[];
  return [];
}
