/** SQL and row mapping for crawl bookkeeping (`crawl_state`). */
import type { CrawlState } from "../store.js";

const COLUMNS = `crawl_id, strftime(date, '%Y-%m-%d') AS date, endpoint, params, next_url, pages, models, status,
  strftime(started_at, '%Y-%m-%dT%H:%M:%SZ') AS started_at, strftime(updated_at, '%Y-%m-%dT%H:%M:%SZ') AS updated_at, error`;

/** One crawl by id. */
export const GET_CRAWL = `SELECT ${COLUMNS} FROM crawl_state WHERE crawl_id = $crawl_id`;

/** The most recently updated crawl, optionally with a given status. */
export const LATEST_CRAWL = `SELECT ${COLUMNS} FROM crawl_state
WHERE ($status::VARCHAR IS NULL OR status = $status) ORDER BY updated_at DESC, started_at DESC LIMIT 1`;

/** Inserts or replaces a crawl's state (one small row; its own implicit transaction). */
export const UPSERT_CRAWL = `INSERT OR REPLACE INTO crawl_state VALUES ($crawl_id, $date::DATE, $endpoint, $params,
  $next_url, $pages, $models, $status, $started_at::TIMESTAMP, $updated_at::TIMESTAMP, $error)`;

/** Binding of a {@link CrawlState} for {@link UPSERT_CRAWL}. */
export function crawlBind(s: CrawlState): Record<string, string | number | null> {
  return {
    crawl_id: s.crawlId,
    date: s.date,
    endpoint: s.endpoint,
    params: s.params,
    next_url: s.nextUrl,
    pages: s.pages,
    models: s.models,
    status: s.status,
    started_at: s.startedAt.replace("Z", ""),
    updated_at: s.updatedAt.replace("Z", ""),
    error: s.error,
  };
}
