/** Report section: who serves the tokens (OpenRouter usage): the latest open share, by month, the chart, the models, the countries and the used-vs-downloaded signals. */
import { renderSvg } from "../../charts/ssr.js";
import { buildUsageShareOption, usageSharePoints } from "../../charts/usage-share-chart.js";
import type { ShareValue } from "../../domain/usage-shares.js";
import { fig } from "../document.js";
import { type ReportWriter, WIDE } from "./writer.js";

/** Writes the section. */
export function usageSection(w: ReportWriter): void {
  const { data, m, f, blocks, noteOf, h2, p } = w;
  if (data.usage) {
    const u = data.usage;
    const n = noteOf(u.source);
    const share = (v: ShareValue, note: number) =>
      v === null
        ? m.usageNoShare
        : "share" in v
          ? fig(f.pct(v.share * 100), note)
          : fig(`${f.pct(v.lower * 100)} – ${f.pct(v.upper * 100)}`, note);
    h2("usage", m.usageTitle);
    const l = u.latest;
    if (l && l.tokens.total !== null) {
      p(
        m.usageLatest({
          start: f.date(l.window.start),
          end: f.date(l.window.end),
          total: fig(f.int(l.tokens.total), n),
          open: share(l.open, n),
          closed: share(l.closed, n),
          unknown: fig(f.pct((l.unknown.share ?? 0) * 100), n),
        }),
      );
      if (l.free.share !== null && l.openWithoutFree) {
        p(
          m.usageFree({
            free: fig(f.pct(l.free.share * 100), n),
            withoutFree: fig(f.pct(l.openWithoutFree.share * 100), n),
          }),
        );
      }
      if (l.dominant) {
        p(
          m.usageDominant({
            model: l.dominant.id,
            share: fig(f.pct(l.dominant.share * 100), n),
            without: fig(f.pct(l.dominant.openShareWithout * 100), n),
          }),
        );
      }
    }
    p(m.usageCaveat);
    const nm = noteOf(u.monthsSource);
    blocks.push({ kind: "h3", text: m.usageMonthsTitle });
    p(m.usageMonthsIntro);
    blocks.push({
      kind: "table",
      columns: [{ label: m.colMonth }, { label: m.colWeeks }, { label: fig(m.colOpenShare, nm), align: "right" }],
      rows: u.months
        .filter((x) => x.open !== null || x.weeks > 0)
        .map((x) => [
          f.month(x.month),
          m.usageMonthWeeks({
            known: f.int(x.weeksKnown),
            weeks: f.int(x.weeks),
            full: f.int(x.weeksFull),
            windows: f.int(x.windows),
            basis: x.basis,
          }),
          x.open === null
            ? m.usageNoShare
            : "share" in x.open
              ? f.pct(x.open.share * 100)
              : `${f.pct(x.open.lower * 100)} – ${f.pct(x.open.upper * 100)}`,
        ]),
    });
    if (u.weeks.length > 0) {
      blocks.push({
        kind: "chart",
        id: "chart-usage",
        caption: fig(m.usageChart, nm),
        svg: renderSvg(
          buildUsageShareOption(usageSharePoints(u.weeks), {
            labels: { point: m.usageLegendPoint, band: m.usageLegendBand, lower: "", gap: m.usageNoShare },
            percent: (v) => f.pct(v * 100, 0),
          }),
          WIDE.width,
          WIDE.height,
        ),
        width: WIDE.width,
        height: WIDE.height,
      });
    }
    if (l && u.models.length > 0) {
      blocks.push({
        kind: "h3",
        text: m.usageModelsTitle({ start: f.date(l.window.start), end: f.date(l.window.end) }),
      });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colModel },
          { label: fig(m.colTokens, n), align: "right" },
          { label: fig(m.colShare, n), align: "right" },
          { label: m.colTokenClass },
          { label: m.colFamily },
          { label: m.colOrganisation },
        ],
        rows: u.models.map((x) => [
          x.model,
          f.int(x.tokens),
          x.share === null ? "–" : f.pct(x.share * 100),
          m.tokenClassNames[x.class] ?? x.class,
          x.family ?? "",
          x.organisation ? `${x.organisation}${x.country ? ` (${x.country})` : ""}` : "",
        ]),
      });
    }
    if (u.countries.length > 0) {
      blocks.push({ kind: "h3", text: m.usageCountriesTitle });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colCountry },
          { label: fig(m.colTokens, n), align: "right" },
          { label: fig(m.colShare, n), align: "right" },
        ],
        rows: u.countries.map((g) => [
          g.key === "unknown country" ? m.unknownCountry : g.key === "unknown class" ? m.unknownClassGroup : g.key,
          f.int(g.tokens),
          g.value && "share" in g.value ? f.pct(g.value.share * 100) : "–",
        ]),
      });
    }
    blocks.push({ kind: "h3", text: m.usageSignalsTitle });
    const ns = noteOf(u.signalsSource);
    if (l && u.signals.hub) {
      p(
        m.usageSignalsIntro({
          start: f.date(l.window.start),
          end: f.date(l.window.end),
          hub: f.date(u.signals.hub.date),
          models: f.int(u.signals.hub.models),
        }),
      );
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colFamily },
          { label: fig(m.colTokenShare, ns), align: "right" },
          { label: fig(m.colDownloadShare, ns), align: "right" },
          ...(u.signals.board
            ? [{ label: m.colLeaderboard({ board: u.signals.board.board, date: f.date(u.signals.board.date) }) }]
            : []),
        ],
        rows: u.signals.rows.map((r) => [
          r.title,
          r.tokenShare && "share" in r.tokenShare ? f.pct(r.tokenShare.share * 100) : "–",
          r.downloadShare === null ? "–" : f.pct(r.downloadShare * 100),
          ...(u.signals.board ? [r.leaderboard ? `${r.leaderboard.model} (${f.int(r.leaderboard.score)})` : "–"] : []),
        ]),
      });
    } else p(m.usageSignalsNone);
  }
}
