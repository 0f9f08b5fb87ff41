/**
 * Parsers for the two response headers that drive crawling: `Link` (cursor pagination, hub-api.md §2.5) and
 * `RateLimit` (IETF draft ratelimit headers, hub-api.md §5.1).
 */

/** One `<url>; rel="..."` member of a Link header. */
const LINK_MEMBER = /<([^>]*)>((?:\s*;\s*[^;,<]+)*)/g;
const REL_PARAM = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,"]+))/i;

/**
 * Returns the URL of the `rel="next"` member of a GitHub-style `Link` header, or null when there is none.
 * Lenient about whitespace and quoting (the Hub sends `<abs-url>; rel="next"`), so a slightly different server
 * still pages correctly; the URL is returned exactly as written (callers resolve relative ones).
 */
export function parseLinkNext(header: string | null): string | null {
  if (!header) return null;
  for (const match of header.matchAll(LINK_MEMBER)) {
    const url = match[1]?.trim();
    const rel = REL_PARAM.exec(match[2] ?? "");
    const relValue = rel?.[1] ?? rel?.[2] ?? "";
    if (url && relValue.toLowerCase().split(/\s+/).includes("next")) return url;
  }
  return null;
}

/** Remaining quota and seconds until the window resets, from `RateLimit: "api";r=<remaining>;t=<seconds>`. */
export interface RateLimitInfo {
  remaining: number;
  resetSeconds: number;
}

/**
 * Parses `RateLimit: "api";r=0;t=293` (the first policy item that carries both `r` and `t`); null when absent or
 * malformed. Used to wait exactly until the window resets on a 429, as huggingface_hub does (§5.3).
 */
export function parseRateLimit(header: string | null): RateLimitInfo | null {
  if (!header) return null;
  for (const item of header.split(",")) {
    let remaining: number | undefined;
    let resetSeconds: number | undefined;
    for (const part of item.split(";")) {
      const eq = part.indexOf("=");
      if (eq < 0) continue;
      const key = part.slice(0, eq).trim().toLowerCase();
      const value = part.slice(eq + 1).trim();
      if (!/^\d+$/.test(value)) continue;
      if (key === "r") remaining = Number(value);
      else if (key === "t") resetSeconds = Number(value);
    }
    if (remaining !== undefined && resetSeconds !== undefined) return { remaining, resetSeconds };
  }
  return null;
}
