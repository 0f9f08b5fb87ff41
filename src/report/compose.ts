/**
 * From report data to a document in one language: the prose comes from the message catalogues, numbers and dates
 * from the language's formatter, charts from the dashboard's chart builders rendered to SVG, and every figure points
 * at a numbered note (definition, snapshot date, query).
 */
import { buildBarChartOption } from "../charts/bar-chart.js";
import { buildSeriesChartOption, compareSeries } from "../charts/series-chart.js";
import { renderSvg } from "../charts/ssr.js";
import { buildTreemapOption } from "../charts/treemap.js";
import type { OptionCost } from "../domain/cost.js";
import type { ReportData, Source } from "./build.js";
import { type Block, fig, type Note, type ReportDocument } from "./document.js";
import { formatter, type Lang } from "./locale.js";
import { messages } from "./messages.js";

/** Chart sizes in the report (CSS pixels; the HTML scales them to the page width). */
const WIDE = { width: 760, height: 360 };

/** Composes the report document of `data` in `lang`. */
export function composeReport(data: ReportData, lang: Lang): ReportDocument {
  const m = messages(lang);
  const f = formatter(lang);
  const notes: Note[] = [];
  const noteOf = (s: Source): number => {
    const key = `${s.def}|${s.query}|${s.date}|${s.base ?? ""}`;
    const found = notes.find((n) => `${n.def}|${n.source.query}|${n.source.date}|${n.source.base ?? ""}` === key);
    if (found) return found.n;
    const n = notes.length + 1;
    notes.push({
      n,
      def: s.def,
      definition: m.definitions[s.def],
      source: s,
      sourceText:
        s.def === "cost"
          ? m.notePrices({ query: s.query, date: f.date(s.date) })
          : m.noteSource({ query: s.query, date: f.date(s.date), base: s.base ? f.date(s.base) : null }),
    });
    return n;
  };
  const int = (v: number | null | undefined, s: Source) => fig(f.int(v), noteOf(s));
  const blocks: Block[] = [];
  const h2 = (id: string, text: string) => blocks.push({ kind: "h2", id, text });
  const p = (text: string) => blocks.push({ kind: "p", text });
  const optionLabel = (o: OptionCost) => m.costOption({ kind: o.kind, model: o.model, provider: o.provider });
  /** A change written out: "+1,234, +5.6 %" (no percentage from zero). */
  const delta = (now: number, before: number) =>
    `${f.signedInt(now - before)}, ${f.signedPct(before > 0 ? ((now - before) / before) * 100 : null)}`;
  const bar = { axisLabel: (v: number) => f.int(v), valueLabel: (v: number) => f.int(v) };

  // Headline
  const h = data.headline;
  h2("headline", m.headlineTitle);
  p(m.headline({ date: f.date(data.date), models: int(h.models, h.source), downloads: int(h.downloads, h.source) }));
  if (h.base) {
    p(
      m.headlineGrowth({
        base: f.date(h.base.date),
        change: fig(f.signedPct(h.changePct), noteOf(h.source)),
        baseDownloads: int(h.base.downloads, { ...h.source, date: h.base.date, base: undefined }),
      }),
    );
  } else p(m.headlineNoBase);

  // Top models
  h2("top-models", m.topModelsTitle);
  const tm = noteOf(data.topModels.source);
  blocks.push({
    kind: "table",
    columns: [
      { label: m.colRank, align: "right" },
      { label: m.colModel },
      { label: fig(m.colDownloads, tm), align: "right" },
      { label: m.colLikes, align: "right" },
    ],
    rows: data.topModels.rows.map((r, i) => [f.int(i + 1), r.id, f.int(r.downloads), f.int(r.likes)]),
  });

  // Top families
  h2("top-families", m.topFamiliesTitle);
  const tf = noteOf(data.topFamilies.source);
  const fams = data.topFamilies.rows;
  blocks.push({
    kind: "table",
    columns: [
      { label: m.colRank, align: "right" },
      { label: m.colFamily },
      { label: `${m.colOfficial}: ${m.colRepos}`, align: "right" },
      { label: fig(`${m.colOfficial}: ${m.colDownloads}`, tf), align: "right" },
      { label: `${m.colDerivatives}: ${m.colRepos}`, align: "right" },
      { label: fig(`${m.colDerivatives}: ${m.colDownloads}`, tf), align: "right" },
      { label: fig(`${m.colTotal}: ${m.colDownloads}`, tf), align: "right" },
    ],
    rows: fams.map((r) => [
      f.int(r.rank),
      r.title,
      f.int(r.officialRepos),
      f.int(r.officialDownloads),
      f.int(r.derivativeRepos),
      f.int(r.derivativeDownloads),
      f.int(r.totalDownloads),
    ]),
  });
  if (fams.length > 0) {
    const height = Math.max(200, 60 + fams.length * 28);
    blocks.push({
      kind: "chart",
      id: "chart-top-families",
      caption: fig(m.topFamiliesChart, tf),
      svg: renderSvg(
        buildBarChartOption(
          fams.map((r) => r.title),
          [
            { name: m.official, values: fams.map((r) => r.officialDownloads) },
            { name: m.derivatives, values: fams.map((r) => r.derivativeDownloads) },
          ],
          { ...bar, metric: m.downloadsMetric },
        ),
        WIDE.width,
        height,
      ),
      width: WIDE.width,
      height,
    });
  }

  // Followed subjects
  if (data.families.length + data.orgs.length > 0) h2("subjects", m.subjectsTitle);
  for (const fs of data.families) {
    const b = fs.body;
    const n = noteOf(fs.source);
    blocks.push({ kind: "h3", text: m.familyTitle({ title: b.title }) });
    p(
      m.family({
        title: b.title,
        officialRepos: fig(f.int(b.official.repos), n),
        officialDownloads: fig(f.int(b.official.downloads), n),
        derivativeRepos: fig(f.int(b.derivatives.repos), n),
        derivativeDownloads: fig(f.int(b.derivatives.downloads), n),
        totalRepos: fig(f.int(b.total.repos), n),
        totalDownloads: fig(f.int(b.total.downloads), n),
      }),
    );
    if (fs.relations) p(m.familyRelations({ relations: fs.relations }));
    if (fs.base && data.base) {
      p(
        m.familySince({
          base: f.date(data.base),
          before: fig(f.int(fs.base.downloads), noteOf({ ...fs.source, date: data.base })),
          change: delta(b.total.downloads, fs.base.downloads),
        }),
      );
    }
    const rel = Object.entries(b.derivatives.byRelation);
    if (rel.length > 0) {
      blocks.push({ kind: "h3", text: m.familyByRelation });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colRelation },
          { label: m.colRepos, align: "right" },
          { label: fig(m.colDownloads, n), align: "right" },
        ],
        rows: rel.map(([k, v]) => [m.relationNames[k] ?? k, f.int(v.repos), f.int(v.downloads)]),
      });
    }
    if (b.top.length > 0) {
      blocks.push({ kind: "h3", text: m.familyTopMembers });
      blocks.push({
        kind: "table",
        columns: [{ label: m.colModel }, { label: m.colRelation }, { label: fig(m.colDownloads, n), align: "right" }],
        rows: b.top.map((t) => [
          t.id,
          t.depth === 0 ? m.official : (m.relationNames[t.relation] ?? t.relation),
          f.int(t.downloads),
        ]),
      });
    }
    if (fs.tree.length > 0) {
      blocks.push({
        kind: "chart",
        id: `chart-lineage-${b.family}`,
        caption: fig(
          m.lineageChart({ title: b.title }),
          noteOf({ ...fs.source, query: "family-tree", def: "lineage" }),
        ),
        svg: renderSvg(buildTreemapOption(fs.tree, { maxNodes: 60 }), WIDE.width, 420),
        width: WIDE.width,
        height: 420,
      });
    }
  }
  for (const o of data.orgs) {
    blocks.push({ kind: "h3", text: m.orgTitle({ author: o.author, match: o.match }) });
    if (!o.body) {
      p(m.orgMissing({ author: o.author, match: o.match, date: f.date(data.date) }));
      continue;
    }
    const n = noteOf(o.source);
    const nv = noteOf({ ...o.source, query: "org-models", def: "orgVersions" });
    p(
      m.org({
        author: o.author,
        match: o.match,
        repos: fig(f.int(o.body.repos), n),
        versions: fig(f.int(o.body.versions.length), nv),
        downloads: fig(f.int(o.body.downloads), n),
      }),
    );
    if (o.base && data.base) {
      p(
        m.orgSince({
          base: f.date(data.base),
          before: fig(f.int(o.base.downloads), noteOf({ ...o.source, date: data.base })),
          change: delta(o.body.downloads, o.base.downloads),
        }),
      );
    }
    blocks.push({
      kind: "table",
      columns: [
        { label: fig(m.colVersion, nv) },
        { label: m.colRepos, align: "right" },
        { label: fig(m.colDownloads, n), align: "right" },
        { label: m.colShare, align: "right" },
      ],
      rows: o.body.versions.map((v) => [v.version, f.int(v.repos), f.int(v.downloads), f.pct(v.share * 100)]),
    });
  }

  // Openness
  if (data.openness) {
    const op = data.openness;
    const n = noteOf(op.source);
    const share = (...classes: string[]) =>
      op.classes.filter((c) => classes.includes(c.class)).reduce((a, c) => a + c.share * 100, 0);
    h2("openness", m.opennessTitle);
    p(
      m.openness({
        open: fig(f.pct(share("open-source", "open-content")), n),
        vendor: fig(f.pct(share("vendor-community", "responsible-use")), n),
        nonCommercial: fig(f.pct(share("non-commercial")), n),
        unknown: fig(f.pct(share("unknown")), n),
      }),
    );
    blocks.push({
      kind: "table",
      columns: [
        { label: m.colClass },
        { label: m.colRepos, align: "right" },
        { label: fig(m.colDownloads, n), align: "right" },
        { label: fig(m.colShare, n), align: "right" },
      ],
      rows: op.classes.map((c) => [
        m.classNames[c.class] ?? c.class,
        f.int(c.repos),
        f.int(c.downloads),
        f.pct(c.share * 100),
      ]),
    });
    const height = Math.max(180, 50 + op.classes.length * 30);
    blocks.push({
      kind: "chart",
      id: "chart-openness",
      caption: fig(m.opennessChart, n),
      svg: renderSvg(
        buildBarChartOption(
          op.classes.map((c) => m.classNames[c.class] ?? c.class),
          [{ name: m.colShare, values: op.classes.map((c) => c.share * 100) }],
          { axisLabel: (v) => f.pct(v, 0), valueLabel: (v) => f.pct(v) },
        ),
        WIDE.width,
        height,
      ),
      width: WIDE.width,
      height,
    });
    blocks.push({ kind: "h3", text: m.closedTitle });
    p(m.closed({ count: f.int(op.closed.length), names: op.closed.map((c) => c.name).join(", ") }));
  }

  // Cost
  if (data.cost) {
    h2("cost", m.costTitle);
    if ("error" in data.cost) p(m.costMissing({ preset: data.cost.preset, error: data.cost.error }));
    else {
      const plan = data.cost.plan;
      const n = noteOf(data.cost.source);
      p(
        m.costIntro({
          preset: plan.preset?.name ?? "",
          asOf: f.date(plan.asOf),
          tokens: f.int(plan.workload.tokensPerMonth),
          ratio: plan.workload.ratio,
        }),
      );
      const sorted = [...plan.options].sort((a, b) => b.monthlyUsd - a.monthlyUsd);
      const hi = sorted[0];
      const lo = sorted[sorted.length - 1];
      if (hi && lo && hi !== lo && lo.monthlyUsd > 0) {
        p(
          m.costSummary({
            expensive: optionLabel(hi),
            expensiveCost: fig(f.usd(hi.monthlyUsd), n),
            cheapest: optionLabel(lo),
            cheapestCost: fig(f.usd(lo.monthlyUsd), n),
            times: f.dec(hi.monthlyUsd / lo.monthlyUsd, 1),
          }),
        );
      }
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colOption },
          { label: fig(m.colMonthly, n), align: "right" },
          { label: m.colPer1M, align: "right" },
          { label: m.colSaving, align: "right" },
        ],
        rows: plan.options.map((o) => [
          optionLabel(o),
          f.usd(o.monthlyUsd),
          o.usdPer1M === null ? "–" : f.dec(o.usdPer1M, 2),
          o.savingsUsd > 0 ? `${f.usd(o.savingsUsd)} (${f.pct(o.savingsPct, 1)})` : "",
        ]),
      });
      p(m.costNote);
    }
  }

  // Changes
  if (data.base && data.changes && h.base) {
    const c = data.changes;
    const n = noteOf(c.source);
    h2("changes", m.changesTitle({ base: f.date(data.base) }));
    p(
      m.changesTotals({
        base: f.date(h.base.date),
        before: int(h.base.downloads, { ...h.source, date: h.base.date, base: undefined }),
        after: int(h.downloads, { ...h.source, base: undefined }),
        change: delta(h.downloads, h.base.downloads),
      }),
    );
    if (c.movers.length > 0) {
      blocks.push({ kind: "h3", text: m.changesMovers });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colModel },
          { label: fig(m.colBefore, n), align: "right" },
          { label: fig(m.colAfter, n), align: "right" },
          { label: fig(m.colChange, n), align: "right" },
        ],
        rows: c.movers.map((r) => [
          r.id,
          f.int(r.before),
          f.int(r.after),
          `${f.signedInt(r.change)}${r.relative === null ? "" : ` (${f.signedPct(r.relative * 100)})`}`,
        ]),
      });
    }
    const ne = noteOf(c.entrantSource);
    p(m.changesEntrants({ count: fig(f.int(c.entrantCount), ne), downloads: fig(f.int(c.entrantDownloads), ne) }));
    if (c.entrants.length > 0) {
      blocks.push({
        kind: "table",
        columns: [{ label: m.colModel }, { label: fig(m.colDownloads, ne), align: "right" }],
        rows: c.entrants.map((e) => [e.id, f.int(e.downloads)]),
      });
    }
  } else {
    h2("changes", m.changesTitleNone);
    p(m.changesNone);
  }

  // History
  h2("history", m.historyTitle);
  if (data.history?.items.some((i) => i.points.length > 1)) {
    const n = noteOf(data.history.source);
    blocks.push({
      kind: "chart",
      id: "chart-history",
      caption: fig(m.historyChart, n),
      svg: renderSvg(
        buildSeriesChartOption(compareSeries(data.history.items), { metric: m.downloadsMetric }),
        WIDE.width,
        WIDE.height,
      ),
      width: WIDE.width,
      height: WIDE.height,
    });
  } else p(m.historyNone);

  return {
    lang,
    title: m.title,
    subtitle: m.subtitle({
      date: f.date(data.date),
      snapshots: f.int(data.snapshots.count),
      count: data.snapshots.count,
      earliest: f.date(data.snapshots.earliest),
    }),
    intro: m.intro,
    date: data.date,
    blocks,
    notes,
    footer: m.generatedBy,
    printHint: m.printHint,
    dashboardLink: m.dashboardLink,
    toc: m.toc,
    notesTitle: m.notesTitle,
  };
}
