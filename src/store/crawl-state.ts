/** A `crawl_state` row (columns as both stores select them) as a {@link CrawlState}. */
import type { CrawlState } from "./store.js";

/** Maps a crawl_state row to a {@link CrawlState}. */
export function toCrawlState(r: Record<string, unknown>): CrawlState {
  return {
    crawlId: String(r.crawl_id),
    date: String(r.date),
    endpoint: String(r.endpoint),
    params: String(r.params),
    nextUrl: r.next_url === null ? null : String(r.next_url),
    pages: Number(r.pages),
    models: Number(r.models),
    status: String(r.status) as CrawlState["status"],
    startedAt: String(r.started_at),
    updatedAt: String(r.updated_at),
    error: r.error === null ? null : String(r.error),
  };
}
