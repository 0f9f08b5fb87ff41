/** Pieces several pages share: the downloads-history chart of a series route. */
import { buildSeriesChartOption } from "../../../src/charts/series-chart.js";
import { ApiError, getJson } from "../api.js";
import { chartPanel, preferredTheme } from "../chart.js";
import type { AsOf, SeriesRow } from "../types.js";

/** The one-line definition of the downloads metric. */
export const DOWNLOADS_DEFINITION =
  "30-day downloads: the Hub's rolling 30-day download counter, read at each stored snapshot (the last snapshot of each bucket).";

/** A history chart panel of 30-day downloads from a `…/series` route. */
export function historyPanel(opts: {
  title: string;
  url: string;
  params?: Record<string, string | null | undefined>;
  name: string;
  queries: string[];
}): HTMLElement {
  const panel = chartPanel({ title: opts.title, definition: DOWNLOADS_DEFINITION, queries: opts.queries });
  void (async () => {
    try {
      const r = await getJson<{ rows: SeriesRow[] } & AsOf>(opts.url, opts.params ?? {});
      panel.setAsOf(r.dataAsOf);
      if (r.rows.length === 0) {
        panel.empty("No snapshot lists it.");
        return;
      }
      panel.render(
        buildSeriesChartOption(
          [{ name: opts.name, points: r.rows.map((x) => ({ date: x.lastDate, value: x.downloads })) }],
          { theme: preferredTheme(), metric: "downloads (30 days)" },
        ),
      );
    } catch (err) {
      panel.empty(
        err instanceof ApiError && err.notFound ? "History: not available." : `History: ${(err as Error).message}`,
      );
    }
  })();
  return panel.root;
}
