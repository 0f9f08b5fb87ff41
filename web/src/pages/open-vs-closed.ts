/**
 * "Open vs closed": the capability gap between the best closed and the best open-weight model on the LMArena text
 * leaderboard over time (one line per scale segment: scores never compare across a break), months behind now, the
 * price-quality frontier of one table and its top 20 with Hub matches, downloads and prices.
 */
import { buildFrontierChartOption, buildGapChartOption } from "../../../src/charts/leaderboard-charts.js";
import { getJson } from "../api.js";
import { chartPanel, preferredTheme } from "../chart.js";
import { el, notice, num, stat, table } from "../dom.js";
import { type Route, replaceQuery } from "../router.js";
import type { LeaderboardGap, LeaderboardModels, LeaderboardTables, MonthsBehindAnswer } from "../types.js";
import { fill } from "./home.js";

const BOARD = "arena-text";
const PATH = "/open-vs-closed";

/** `+a/-b`, `±a` or nothing. */
function ci(c: { plus: number | null; minus: number | null }): string {
  if (c.plus === null || c.minus === null) return "";
  return c.plus === c.minus ? ` ±${c.plus}` : ` +${c.plus}/−${c.minus}`;
}

/** Renders `#/open-vs-closed[?date=D]`. */
export async function renderOpenVsClosed(root: HTMLElement, route: Route): Promise<void> {
  const query = new URLSearchParams(route.query);
  const figures = el("div", { class: "stats", id: "ovc-figures" });
  const gapSlot = el("div", { id: "ovc-gap" });
  const frontierSlot = el("div", { id: "ovc-frontier" });
  const topSlot = el("div", { class: "panel", id: "ovc-top" });
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), " / open vs closed"),
    el("h1", {}, "Open vs closed"),
    el(
      "p",
      { class: "lead" },
      "How far behind the best closed model the best open-weight model is on the LMArena text leaderboard, how that changed, and what the models cost. Closed = no public weights (licence Proprietary, the closed-model catalogue, or a reviewed exception).",
    ),
    figures,
    gapSlot,
    frontierSlot,
    topSlot,
  );

  let gap: LeaderboardGap;
  try {
    gap = await getJson<LeaderboardGap>("/api/leaderboards/gap", { board: BOARD });
  } catch (err) {
    root.append(notice(`Leaderboards: ${(err as Error).message}`));
    return;
  }
  // the latest table with both a closed and an open model (a table without licences cannot say)
  const last = [...gap.dates].reverse().find((d) => d.gap !== null);

  await fill(figures, "Headline", async () => {
    const mb = await getJson<MonthsBehindAnswer>("/api/leaderboards/months-behind", {
      board: BOARD,
      from: last?.date ?? gap.to,
      to: last?.date ?? gap.to,
    });
    const now = mb.dates[mb.dates.length - 1];
    return [
      stat(
        "gap now (rating points)",
        last?.gap === null || !last ? "–" : num(last.gap),
        `table of ${last?.date ?? gap.to}`,
      ),
      stat(
        "best closed",
        last?.closed ? `${last.closed.model}` : "–",
        last?.closed ? `${num(last.closed.score)}${ci(last.closed.ci)}` : undefined,
      ),
      stat(
        "best open",
        last?.open ? `${last.open.model}` : "–",
        last?.open ? `${num(last.open.score)}${ci(last.open.ci)} · ${last.open.licenceClass ?? ""}` : undefined,
      ),
      stat(
        "months behind now",
        now?.months === null || !now ? "–" : `${now.censored ? "≥ " : ""}${now.months.toFixed(1)}`,
        now?.reachedBy ? `${now.reachedBy.model}, first listed ${now.reachedBy.firstListed}` : undefined,
      ),
    ];
  });

  const gapPanel = chartPanel({
    title: "Best closed minus best open, per table",
    definition: `${gap.definition} One line per segment of the scale; the dashed markers are scale breaks.`,
    queries: ["leaderboard-entries", "leaderboard-licences-before"],
    dataAsOf: gap.to,
    height: 360,
  });
  gapSlot.append(
    gapPanel.root,
    el(
      "ul",
      { class: "muted small", id: "ovc-segments" },
      ...gap.segments.map((s) => el("li", {}, `${s.label}: ${s.first} … ${s.last} (${s.tables} tables). ${s.reason}`)),
      ...gap.exceptions.map((e) => el("li", {}, `Exception ${e.id} (${e.dates.join(", ")}): ${e.reason}`)),
    ),
  );
  requestAnimationFrame(() =>
    gapPanel.render(
      buildGapChartOption(
        gap.dates.map((d) => ({ date: d.date, segment: d.segment, gap: d.gap })),
        gap.segments,
        { theme: preferredTheme() },
      ),
    ),
  );

  // the table the frontier and the top 20 show: ?date=, else the latest table whose entries carry prices
  const tables = (await getJson<LeaderboardTables>("/api/leaderboards", { board: BOARD })).tables;
  const select = el(
    "select",
    { id: "ovc-date", "aria-label": "Leaderboard table" },
    ...[...tables]
      .reverse()
      .map((t) => el("option", { value: t.date }, `${t.date}${t.coverageKind === "partial" ? " (partial)" : ""}`)),
  );
  select.value = query.get("date") ?? tables.filter((t) => t.coverageKind === "full").pop()?.date ?? gap.to;
  select.addEventListener("change", () => {
    query.set("date", select.value);
    replaceQuery(PATH, query);
    void showTable(select.value);
  });
  const frontierPanel = chartPanel({
    title: "Score against price: the frontier",
    definition:
      "Each priced model of the table: score against USD per 1M tokens (blended 3:1 input:output; omo's price tables in force at that date, else the price the leaderboard lists). The dashed line is the frontier: models no other model beats on both.",
    queries: ["leaderboard-entries", "prices"],
    controls: el("span", { class: "controls" }, el("label", {}, "table ", select)),
    height: 380,
  });
  frontierSlot.append(frontierPanel.root);

  async function showTable(date: string): Promise<void> {
    await fill(topSlot, "Top 20", async () => {
      const m = await getJson<LeaderboardModels>("/api/leaderboards/models", { board: BOARD, date });
      frontierPanel.setAsOf(m.date);
      const priced = m.entries
        .filter((e) => e.price && e.price.blended > 0 && e.score !== null)
        .map((e) => ({
          model: e.model,
          score: e.score as number,
          price: (e.price as { blended: number }).blended,
          openness: e.openness,
        }));
      if (priced.length === 0) frontierPanel.empty(`No priced models on the table of ${m.date}.`);
      else frontierPanel.render(buildFrontierChartOption(priced, m.frontier, { theme: preferredTheme() }));
      const top = m.entries.slice(0, 20);
      return [
        el("h2", {}, `Top 20 of ${m.date} `, el("span", { class: "muted small" }, `${m.title}; ${m.coverage.how}`)),
        table(
          top,
          [
            { header: "#", cell: (e) => String(e.place), numeric: true },
            { header: "model", cell: (e) => e.model },
            { header: "score", cell: (e) => `${num(e.score)}${ci(e.ci)}`, numeric: true },
            { header: "open?", cell: (e) => el("span", { class: `badge ${e.openness}` }, e.openness) },
            { header: "licence class", cell: (e) => e.licenceClass ?? "" },
            { header: "organisation", cell: (e) => `${e.organisation ?? ""}${e.country ? ` (${e.country})` : ""}` },
            { header: "Hub repo", cell: (e) => (e.hub ? el("a", { href: `#/model/${e.hub.repo}` }, e.hub.repo) : "") },
            { header: "downloads (30d)", cell: (e) => num(e.downloads), numeric: true },
            { header: "$ / 1M", cell: (e) => (e.price ? e.price.blended.toFixed(2) : "–"), numeric: true },
            { header: "frontier", cell: (e) => (e.frontier ? "●" : "") },
          ],
          "Downloads: the Hub's 30-day counter at the snapshot nearest the table's date; prices in force at that date.",
        ),
        el(
          "p",
          { class: "muted small" },
          `Hub snapshot for downloads: ${m.hubSnapshot ? `${m.hubSnapshot.date} (${Math.abs(m.hubSnapshot.days)} days ${m.hubSnapshot.days <= 0 ? "before" : "after"})` : "none stored"}. Open entries matched to a Hub repo: ${m.match.openMatched} of ${m.match.open}.`,
        ),
      ];
    });
  }
  await showTable(select.value);
}
