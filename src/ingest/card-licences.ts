/**
 * `omo ingest --details`: the licence a model card states, for the repos whose licence tag says nothing usable. The
 * Hub tags a custom licence `license:other` and requires the card to name it (`cardData.license_name`, with a
 * `license_link`); the listing does not carry `cardData`, so the repos of a snapshot tagged `other` or `unknown`,
 * above a download threshold, have their `GET /api/models/{id}` body fetched through the Hub client (its retries and
 * rate-limit waits), a bounded number at a time. The caller stores the rows in one write.
 */
import { HubError } from "../errors.js";
import { HubClient, type HubClientOptions, type RetryInfo } from "../hub/client.js";
import { cardLicenceCandidates } from "../queries/index.js";
import type { CardLicenceRow, Store } from "../store/store.js";

/** What to fetch and how. */
export interface CardLicenceOptions {
  endpoint: string;
  token?: string;
  /** Snapshot whose repos are considered (null: the latest). */
  date: string | null;
  /** Repos with fewer 30-day downloads are left out. */
  minDownloads: number;
  /** At most this many repos (most downloaded first). */
  limit?: number;
  /** Requests in flight at once (default 4, at most 16). */
  concurrency?: number;
  /** Fetch again repos whose card was already fetched `today` (default: skip them, so a re-run continues). */
  refetch?: boolean;
  /** The day recorded as the fetch day, `YYYY-MM-DD`. */
  today: string;
  client?: Partial<HubClientOptions>;
  onRetry?: (info: RetryInfo) => void;
  onProgress?: (done: number, total: number) => void;
}

/** What a run found. */
export interface CardLicenceResult {
  /** Repos the snapshot offered (tag `other`/`unknown`, above the threshold, not fetched today unless `refetch`). */
  candidates: number;
  /** Bodies fetched and read. */
  fetched: number;
  /** Of those, cards that name their licence. */
  withName: number;
  /** Repos the Hub no longer has (404), skipped. */
  notFound: number;
  /** Repos whose body could not be fetched after the client's retries. */
  failed: Array<{ id: string; error: string }>;
  /** One row per fetched body (the licence name null when the card names none). */
  rows: CardLicenceRow[];
}

/** A card value as text: a string as it is (trimmed), a list joined with ",", anything else null. */
function text(v: unknown): string | null {
  if (typeof v === "string") return v.trim() === "" ? null : v.trim();
  if (Array.isArray(v)) {
    const parts = v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim());
    return parts.length ? parts.join(",") : null;
  }
  return null;
}

/** The licence fields of a `GET /api/models/{id}` body (`cardData.license_name`, `license_link`, `license`). */
export function cardLicenceOf(
  body: unknown,
): Pick<CardLicenceRow, "licenseName" | "licenseLink" | "cardLicense"> & { id: string | null } {
  const b = (body ?? {}) as Record<string, unknown>;
  const card = (b.cardData ?? {}) as Record<string, unknown>;
  return {
    id: typeof b.id === "string" ? b.id : null,
    licenseName: text(card.license_name),
    licenseLink: text(card.license_link),
    cardLicense: text(card.license),
  };
}

/** Fetches the cards of a snapshot's `other`/`unknown` repos; nothing is written here. */
export async function fetchCardLicences(store: Store, o: CardLicenceOptions): Promise<CardLicenceResult> {
  const candidates = await store.query(cardLicenceCandidates, {
    date: o.date,
    min_downloads: o.minDownloads,
    fetched_since: o.refetch ? null : o.today,
    limit: o.limit ?? 100_000,
  });
  const client = new HubClient({ ...o.client, endpoint: o.endpoint, token: o.token, onRetry: o.onRetry });
  const result: CardLicenceResult = {
    candidates: candidates.length,
    fetched: 0,
    withName: 0,
    notFound: 0,
    failed: [],
    rows: [],
  };
  const width = Math.max(1, Math.min(16, o.concurrency ?? 4));
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < candidates.length) {
      const c = candidates[next++] as (typeof candidates)[number];
      try {
        const body = await client.modelInfo(c.id);
        const card = cardLicenceOf(body);
        result.fetched += 1;
        if (card.licenseName !== null) result.withName += 1;
        result.rows.push({
          id: c.id,
          licenseName: card.licenseName,
          licenseLink: card.licenseLink,
          cardLicense: card.cardLicense,
          fetchedOn: o.today,
          source: o.endpoint,
        });
      } catch (err) {
        if (err instanceof HubError && err.status === 404) result.notFound += 1;
        else result.failed.push({ id: c.id, error: (err as Error).message });
      }
      done += 1;
      o.onProgress?.(done, candidates.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, candidates.length) }, worker));
  // the order of the candidates (most downloaded first), whatever order the answers came in
  const order = new Map(candidates.map((c, i) => [c.id, i]));
  result.rows.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
  return result;
}
