/**
 * Usage page (`#/usage?period=week&by=class`): who serves the tokens on OpenRouter. The open-weight share over time
 * (a point where every model is named, a band where only the top N are and the total is known, a gap where the total
 * is unknown), the breakdown at the latest date, the models of the latest snapshot, and token share beside download
 * share per family.
 */
import { buildUsageShareOption, shareText, usageSharePoints } from "../../../src/charts/usage-share-chart.js";
import { getJson } from "../api.js";
import { chartPanel, disposeCharts, preferredTheme } from "../chart.js";
import { el, num, stat, table } from "../dom.js";
import { type Route, replaceQuery } from "../router.js";
import type { UsageModelsAnswer, UsageShareAnswer, UsageShareDate, UsageSignalsAnswer } from "../types.js";
import { fill } from "./home.js";

const PERIODS = [
  ["week", "weeks (chart: top 9 + Others from 2025-07)"],
  ["7d", "trailing 7 days (every model from 2026-07; top 15 monthly before)"],
  ["day", "days (every model, 2026-07-30 on)"],
  ["30d", "trailing 30 days (every model)"],
] as const;
const DIMENSIONS = ["class", "licence", "family", "org", "country"] as const;

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)} %`);

/** Tokens in short form. */
function tokens(n: number | null): string {
  if (n === null) return "–";
  for (const [v, u] of [
    [1e12, "T"],
    [1e9, "B"],
    [1e6, "M"],
  ] as const)
    if (n >= v) return `${(n / v).toFixed(2)} ${u}`;
  return num(n);
}

function coverageText(d: UsageShareDate): string {
  if (d.coverage.kind === "full") return `every model (${d.coverage.models})`;
  return `top ${d.coverage.top}${d.coverage.totalKnown ? " + known total" : ", total unknown"}`;
}

/** Renders `#/usage`. */
export async function renderUsage(root: HTMLElement, route: Route): Promise<void> {
  const query = new URLSearchParams(route.query);
  const period = PERIODS.some(([p]) => p === query.get("period")) ? (query.get("period") as string) : "week";
  const by = (DIMENSIONS as readonly string[]).includes(query.get("by") ?? "") ? (query.get("by") as string) : "class";
  const select = (id: string, options: ReadonlyArray<readonly [string, string]>, value: string, label: string) => {
    const s = el(
      "select",
      { id, "aria-label": label },
      ...options.map(([v, t]) => el("option", { value: v, selected: v === value }, t)),
    );
    s.addEventListener("change", () => {
      query.set(id === "usage-period" ? "period" : "by", s.value);
      replaceQuery("/usage", query);
      void render();
    });
    return s;
  };
  const controls = el(
    "div",
    { class: "filter" },
    el("label", {}, "Period ", select("usage-period", PERIODS, period, "Period")),
    " ",
    el(
      "label",
      {},
      "Break down by ",
      select(
        "usage-by",
        DIMENSIONS.map((d) => [d, d] as const),
        by,
        "Breakdown",
      ),
    ),
  );
  const body = el("div", { class: "usage-body" });
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), " / usage"),
    el("h1", {}, "Who serves the tokens"),
    el(
      "p",
      { class: "definition" },
      "Tokens OpenRouter served per model (prompt + completion, its public rankings). One gateway, not the market: first-party APIs and self-hosting are not in it, and tokens are not spend.",
    ),
    controls,
    body,
  );

  async function render(): Promise<void> {
    disposeCharts();
    body.textContent = "";
    const p = query.get("period") ?? period;
    const b = query.get("by") ?? by;
    const panel = chartPanel({
      title: `Open-weight share of OpenRouter tokens (${p})`,
      definition:
        "A point where every model is named; a band from lower to upper bound where only the top N are named and the total is known (the rest and models of unknown class all closed / all open); a gap where the total is unknown.",
      queries: ["usage-snapshots", "usage-rows"],
    });
    const summary = el("div", { class: "stats", id: "usage-stats" });
    const latest = el("section", { class: "panel", id: "usage-latest" }, "Loading…");
    const models = el("section", { class: "panel", id: "usage-models" }, "Loading…");
    const signals = el("section", { class: "panel", id: "usage-signals" }, "Loading…");
    body.append(summary, panel.root, latest, models, signals);

    const share = await getJson<UsageShareAnswer>("/api/usage/share", { period: p, by: b });
    panel.setAsOf(share.dataAsOf);
    if (share.dates.length === 0) {
      panel.empty('No usage snapshots of this period: load some with "omo usage import".');
    } else {
      const option = buildUsageShareOption(usageSharePoints(share.dates), {
        theme: preferredTheme(),
        metric: "open share",
      });
      panel.render(option);
      // what the chart draws, for readers of the page's markup (and its browser test): dates with a point, with a
      // band, with neither (a gap)
      const series = (option.series ?? []) as Array<{ data?: Array<[string, number | null]> }>;
      const drawn = (i: number) => new Set((series[i]?.data ?? []).filter((d) => d[1] !== null).map((d) => d[0]));
      const band = drawn(1);
      const points = drawn(2);
      const host = panel.root.querySelector(".chart") as HTMLElement | null;
      if (host) {
        host.dataset.points = String(points.size);
        host.dataset.bands = String(band.size);
        host.dataset.gaps = String(share.dates.filter((d) => !band.has(d.date) && !points.has(d.date)).length);
      }
    }
    summary.append(
      stat("dates", el("span", { "data-testid": "usage-dates" }, num(share.counts.dates))),
      stat("points (every model named)", el("span", { "data-testid": "usage-points" }, num(share.counts.points))),
      stat("bounds (top N + total)", el("span", { "data-testid": "usage-bounds" }, num(share.counts.bounds))),
      stat("no share (total unknown)", el("span", { "data-testid": "usage-gaps" }, num(share.counts.noShare))),
      stat("data as of", share.dataAsOf ?? "–"),
    );

    const last = share.dates[share.dates.length - 1];
    latest.textContent = "";
    if (last) {
      latest.append(
        el("h2", {}, `${last.date}: ${coverageText(last)}, ${tokens(last.tokens.total ?? last.tokens.named)} tokens`),
        el(
          "p",
          { class: "muted" },
          `${last.note}. Source: ${last.snapshot.source}${last.snapshot.status && last.snapshot.status !== "settled" ? `; capture status: ${last.snapshot.status.replace(/_/g, " ")}` : ""}.`,
        ),
        table(
          last.groups,
          [
            { header: b, cell: (g) => g.key },
            { header: "tokens", cell: (g) => tokens(g.tokens), numeric: true },
            { header: "share", cell: (g) => shareText(g.value), numeric: true },
          ],
          `Tokens by ${b}, ${last.window.start} … ${last.window.end}`,
        ),
      );
    }

    await fill(models, "Models", async () => {
      const m = await getJson<UsageModelsAnswer>("/api/usage/models", { period: p, limit: 15 });
      const s = m.snapshot;
      return [
        el("h2", {}, `Top models, ${s ? `${s.window.start} … ${s.window.end}` : ""}`),
        el("p", { class: "muted" }, s ? `${s.source}: ${s.coverage.how}` : ""),
        table(m.models, [
          { header: "#", cell: (r) => r.rank, numeric: true },
          { header: "model", cell: (r) => r.model },
          { header: "tokens", cell: (r) => tokens(r.tokens), numeric: true },
          { header: "share", cell: (r) => pct(r.share), numeric: true },
          { header: ":free", cell: (r) => (r.freeTokens ? tokens(r.freeTokens) : ""), numeric: true },
          { header: "class", cell: (r) => r.class },
          { header: "Hub repo", cell: (r) => (r.hubRepo ? `${r.hubRepo} (${r.hubMethod})` : "") },
          { header: "family", cell: (r) => r.family ?? "" },
          { header: "organisation", cell: (r) => `${r.organisation ?? ""}${r.country ? ` (${r.country})` : ""}` },
        ]),
      ];
    });

    await fill(signals, "Used vs downloaded", async () => {
      const s = await getJson<UsageSignalsAnswer>("/api/usage/signals", { period: "7d" });
      const hub = s.hub
        ? `Hub snapshot ${s.hub.date} (${num(s.hub.models)} models listed)`
        : "no Hub snapshot near the usage date";
      return [
        el("h2", {}, "Used vs downloaded, per family"),
        el(
          "p",
          { class: "muted" },
          `${s.usage ? `OpenRouter ${s.usage.window.start} … ${s.usage.window.end}` : ""} vs ${hub}. ${s.definitions.downloads}`,
        ),
        table(
          s.rows.filter(
            (r) =>
              (r.tokenShare && "share" in r.tokenShare && r.tokenShare.share > 0) || (r.downloadShare?.share ?? 0) > 0,
          ),
          [
            { header: "family", cell: (r) => r.title },
            { header: "token share", cell: (r) => shareText(r.tokenShare), numeric: true },
            { header: "download share", cell: (r) => pct(r.downloadShare?.share), numeric: true },
            {
              header: "leaderboard: best open entry (score)",
              cell: (r) => (r.leaderboard ? `${r.leaderboard.model} (${Math.round(r.leaderboard.score ?? 0)})` : ""),
            },
          ],
        ),
      ];
    });
  }
  await render();
}
