/** Hash routing: `#/path/parts?query` → a page renderer; query changes update the URL without a history entry. */

/** The current route. */
export interface Route {
  /** Path parts after `#/`, decoded. */
  parts: string[];
  query: URLSearchParams;
}

/** Parses `location.hash`. */
export function currentRoute(): Route {
  const h = location.hash.replace(/^#\/?/, "");
  const [path = "", qs = ""] = h.split("?", 2) as [string?, string?];
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { parts, query: new URLSearchParams(qs) };
}

/** The hash of a path and query (commas kept readable in the query). */
export function hashOf(path: string, query: URLSearchParams): string {
  const qs = query.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":").replace(/%2F/gi, "/");
  return `#${path}${qs ? `?${qs}` : ""}`;
}

/** Replaces the URL's query in place (shareable state) without re-rendering the page. */
export function replaceQuery(path: string, query: URLSearchParams): void {
  history.replaceState(null, "", hashOf(path, query));
}
