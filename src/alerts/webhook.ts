/**
 * Delivering fired alerts to a webhook: one JSON POST, retried with exponential backoff on a connection error, a
 * timeout, 408, 429 or a 5xx answer. Never throws: the result says what happened, so a collect that triggers a
 * delivery is never stopped or failed by the receiver.
 */
import type { AlertResult, AlertsReport } from "./check.js";

/** How to deliver. */
export interface WebhookOptions {
  url: string;
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Wait before the first retry, doubled each time (default 1,000 ms). */
  baseDelayMs?: number;
  /** Time allowed for each attempt (default 10,000 ms). */
  timeoutMs?: number;
  /** Progress lines (retries), e.g. to stderr. */
  log?: (line: string) => void;
}

/** What a delivery did. */
export interface WebhookResult {
  ok: boolean;
  attempts: number;
  /** The last HTTP status, if any answer came. */
  status: number | null;
  error: string | null;
}

/** The JSON body POSTed for one watchlist's newly fired rules at a snapshot. */
export interface WebhookBody {
  source: "omo";
  watchlist: AlertsReport["watchlist"];
  date: string;
  previous: string | null;
  fired: AlertResult[];
}

/** The body announcing the rules of a report that fired newly (null when none did: nothing to send). */
export function webhookBody(report: AlertsReport): WebhookBody | null {
  const fired = report.results.filter((r) => r.status === "fired" && r.newly);
  if (fired.length === 0) return null;
  return { source: "omo", watchlist: report.watchlist, date: report.date, previous: report.previous, fired };
}

/** Whether an HTTP status is worth another attempt. */
function retryable(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** POSTs `body` as JSON to the webhook, with retries; resolves with the outcome, never rejects. */
export async function deliverWebhook(body: unknown, o: WebhookOptions): Promise<WebhookResult> {
  const retries = o.retries ?? 3;
  const base = o.baseDelayMs ?? 1000;
  let status: number | null = null;
  let error: string | null = null;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      const res = await fetch(o.url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "User-Agent": "omo-alerts" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt, status, error: null };
      error = `HTTP ${res.status}`;
      if (!retryable(res.status)) return { ok: false, attempts: attempt, status, error };
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      error = e.name === "TimeoutError" ? "timed out" : (e.cause?.code ?? e.message);
    }
    if (attempt <= retries) {
      const wait = base * 2 ** (attempt - 1);
      o.log?.(`webhook: attempt ${attempt} failed (${error}); retry in ${wait} ms`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
  return { ok: false, attempts: retries + 1, status, error };
}
