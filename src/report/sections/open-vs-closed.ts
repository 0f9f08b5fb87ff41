/** Report section: open vs closed on the leaderboard: the latest gap, months behind, the gap by year, its chart, breaks and exceptions. */
import { buildGapChartOption } from "../../charts/leaderboard-charts.js";
import { renderSvg } from "../../charts/ssr.js";
import { fig } from "../document.js";
import { type ReportWriter, WIDE } from "./writer.js";

/** Writes the section. */
export function openVsClosedSection(w: ReportWriter): void {
  const { data, m, f, blocks, noteOf, h2, p } = w;
  if (data.openVsClosed) {
    const ovc = data.openVsClosed;
    const g = ovc.gap;
    const n = noteOf(ovc.source);
    h2("open-vs-closed", m.gapTitle);
    const latest = [...g.dates].reverse().find((d) => d.gap !== null);
    if (latest?.closed && latest.open) {
      const ci = (c: { plus: number | null; minus: number | null }) =>
        c.plus === null || c.minus === null
          ? ""
          : c.plus === c.minus
            ? ` ±${f.int(c.plus)}`
            : ` +${f.int(c.plus)}/−${f.int(c.minus)}`;
      p(
        m.gapLatest({
          date: f.date(latest.date),
          closed: latest.closed.model,
          closedScore: fig(`${f.int(latest.closed.score)}${ci(latest.closed.ci)}`, n),
          open: latest.open.model,
          openScore: fig(`${f.int(latest.open.score)}${ci(latest.open.ci)}`, n),
          openClass: m.classNames[latest.open.licenceClass ?? "unknown"] ?? latest.open.licenceClass ?? "",
          gap: fig(f.int(latest.gap), n),
          overlap: latest.overlap,
          share: fig(f.pct(latest.shares.find((x) => x.top === 10)?.share ?? null, 0), n),
        }),
      );
      const mb = ovc.monthsBehind;
      if (mb?.openLeads) p(m.gapOpenLeads({ date: f.date(latest.date) }));
      else if (mb?.reachedBy && mb.months !== null) {
        p(
          m.gapMonths({
            months: fig(f.dec(mb.months, 1), noteOf(ovc.monthsSource)),
            censored: mb.censored,
            reachedBy: mb.reachedBy.model,
            listed: f.date(mb.reachedBy.firstListed),
            date: f.date(latest.date),
          }),
        );
      }
    } else p(m.gapNone({ date: f.date(data.date) }));
    blocks.push({ kind: "h3", text: m.gapByYear });
    const label = (id: string) => g.segments.find((s) => s.id === id)?.label ?? id;
    blocks.push({
      kind: "table",
      columns: [
        { label: m.colYear },
        { label: m.colSegment },
        { label: m.colTables, align: "right" },
        { label: fig(m.colGapFirst, n), align: "right" },
        { label: fig(m.colGapLast, n), align: "right" },
        { label: m.colGapMin, align: "right" },
        { label: m.colGapMax, align: "right" },
      ],
      rows: g.byYear.map((y) => [
        y.year,
        label(y.segment),
        f.int(y.tables),
        `${f.int(y.first.gap)} (${f.date(y.first.date)})`,
        `${f.int(y.last.gap)} (${f.date(y.last.date)})`,
        f.int(y.min),
        f.int(y.max),
      ]),
    });
    blocks.push({
      kind: "chart",
      id: "chart-open-vs-closed",
      caption: fig(m.gapChart, n),
      svg: renderSvg(
        buildGapChartOption(
          g.dates.map((d) => ({ date: d.date, segment: d.segment, gap: d.gap })),
          g.segments,
        ),
        WIDE.width,
        WIDE.height,
      ),
      width: WIDE.width,
      height: WIDE.height,
    });
    p(
      m.gapBreaks({
        segments: g.segments.map((s) => `${s.label} (${f.date(s.first)} – ${f.date(s.last)})`).join("; "),
      }),
    );
    for (const e of g.exceptions) {
      p(m.gapException({ id: e.id, dates: e.dates.map((d) => f.date(d)).join(", "), reason: e.reason }));
    }
  }
}
