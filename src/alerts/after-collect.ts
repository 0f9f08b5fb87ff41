/**
 * Alerts after a collect (`omo watch` and `omo serve --watch`): once a cycle has committed its snapshot, every
 * watchlist is checked at that date; what fired is logged, and with a webhook the newly fired rules are POSTed as
 * JSON (retried with backoff). Neither can fail, delay or undo the collect: a check that fails is logged, and the
 * deliveries run beside the next wait (`settle()` waits for them, for `--once`).
 */
import type { Family } from "../domain/families.js";
import { InputError } from "../errors.js";
import type { Store } from "../store/store.js";
import { type AlertsReport, checkWatchlist } from "./check.js";
import { loadWatchlist, type Watchlist } from "./watchlist.js";
import { deliverWebhook, webhookBody } from "./webhook.js";

/** The command-line options of a collector's alerts (`omo watch`, `omo serve --watch`). */
export interface AlertCliOptions {
  watchlist?: string[];
  webhook?: string;
  webhookRetries?: string;
}

/** What to check and where to send it. */
export interface AfterCollectOptions {
  watchlists: readonly Watchlist[];
  families: readonly Family[];
  /** The webhook URL (none: the alerts are only logged). */
  webhook?: string;
  /** Retries of a failed delivery (default 3). */
  retries?: number;
  log: (line: string) => void;
  /** The log lines' prefix, e.g. `omo watch`. */
  who: string;
}

/** The checks and deliveries of a collector. */
export interface AfterCollect {
  /** Checks every watchlist at `date` on `store` (which must already show that snapshot); never throws. */
  check(store: Store, date: string): Promise<AlertsReport[]>;
  /** Resolves when every delivery started so far has finished (delivered or given up). */
  settle(): Promise<void>;
}

/** `--webhook-retries`: a whole number 0..10 (default 3). */
export function parseRetries(value: string | undefined): number {
  if (value === undefined) return 3;
  if (!/^\d+$/.test(value) || Number(value) > 10) {
    throw new InputError(`invalid --webhook-retries "${value}": expected a whole number from 0 to 10`);
  }
  return Number(value);
}

/**
 * Reads the watchlists a collector was given (refused, one line naming file, line and field, before anything is
 * collected) and checks its `--webhook` URL: http(s), and only with watchlists.
 */
export async function loadCollectorWatchlists(
  files: readonly string[],
  families: readonly Family[],
  webhook: string | undefined,
): Promise<Watchlist[]> {
  if (webhook !== undefined) {
    if (!/^https?:\/\/\S+$/.test(webhook)) {
      throw new InputError(`invalid --webhook "${webhook}": expected an http:// or https:// URL`);
    }
    if (files.length === 0)
      throw new InputError("--webhook needs --watchlist: the webhook gets the watchlists' alerts");
  }
  const watchlists: Watchlist[] = [];
  for (const f of files)
    watchlists.push(
      await loadWatchlist(
        f,
        families.map((x) => x.name),
      ),
    );
  const names = watchlists.map((w) => w.name);
  const twice = names.find((x, i) => names.indexOf(x) !== i);
  if (twice) throw new InputError(`two watchlists are named "${twice}": give one a name: in its file`);
  return watchlists;
}

/** The alert checks and webhook deliveries that follow each collect. */
export function afterCollect(o: AfterCollectOptions): AfterCollect {
  const deliveries = new Set<Promise<void>>();
  const log = (line: string) => o.log(`${o.who}: ${line}`);
  const deliver = (report: AlertsReport) => {
    const body = webhookBody(report);
    if (!o.webhook || !body) return;
    const p: Promise<void> = deliverWebhook(body, { url: o.webhook, retries: o.retries ?? 3, log })
      .then((res) => {
        log(
          res.ok
            ? `webhook delivered ${body.fired.length} alert(s) of ${report.watchlist.name} (HTTP ${res.status}, ${res.attempts} attempt(s))`
            : `webhook failed for ${report.watchlist.name} after ${res.attempts} attempt(s): ${res.error}; the snapshot is kept`,
        );
      })
      .finally(() => {
        deliveries.delete(p);
      });
    deliveries.add(p);
  };
  return {
    async check(store, date) {
      const reports: AlertsReport[] = [];
      for (const w of o.watchlists) {
        try {
          const r = await checkWatchlist(store, w, { date, families: o.families });
          reports.push(r);
          const fired = r.results.filter((x) => x.status === "fired");
          log(
            `watchlist ${w.name} at ${r.date}: ${r.counts.fired} fired (${fired.filter((x) => x.newly).length} new), ${r.counts.quiet} quiet, ${r.counts.unknown} unknown`,
          );
          for (const x of fired) log(`alert ${w.name}/${x.id}${x.newly ? "" : " (already before)"}: ${x.reason}`);
          deliver(r);
        } catch (err) {
          log(`watchlist ${w.name} not checked: ${(err as Error).message.split("\n")[0]}`);
        }
      }
      return reports;
    },
    async settle() {
      while (deliveries.size > 0) await Promise.all([...deliveries]);
    },
  };
}
