/**
 * From report data to a document in one language: the prose comes from the message catalogues, numbers and dates
 * from the language's formatter, charts from the dashboard's chart builders rendered to SVG, and every figure points
 * at a numbered note (definition, snapshot date, query).
 */
import { buildBarChartOption } from "../charts/bar-chart.js";
import { buildGapChartOption } from "../charts/leaderboard-charts.js";
import { buildSeriesChartOption, compareSeries } from "../charts/series-chart.js";
import { renderSvg } from "../charts/ssr.js";
import { buildTreemapOption } from "../charts/treemap.js";
import { buildUsageShareOption, usageSharePoints } from "../charts/usage-share-chart.js";
import type { OptionCost } from "../domain/cost.js";
import type { ShareValue } from "../domain/usage-shares.js";
import { OTHER_VERSION } from "../domain/versions.js";
import type { ReportData, Source } from "./build.js";
import { type Block, fig, type Note, type ReportDocument } from "./document.js";
import { formatter, type Lang } from "./locale.js";
import { type Messages, messages } from "./messages.js";

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
          : s.def === "gap" || s.def === "monthsBehind"
            ? m.noteLeaderboard({ query: s.query, date: f.date(s.date) })
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
    `${f.signedInt(now - before)} (${f.signedPct(before > 0 ? ((now - before) / before) * 100 : null)})`;
  const bar = { axisLabel: (v: number) => f.int(v), valueLabel: (v: number) => f.int(v) };

  const day = f.date(data.date);
  const baseDay = data.base ? f.date(data.base) : "";
  /** The like-for-like sentences of a comparison (and the one naming the model that decides it). */
  const likeForLike = (
    c: NonNullable<ReportData["headline"]["compare"]>,
    s: Source,
    text: Messages["likeForLike"],
    change: (c: { before: number; after: number; changePct: number | null }) => string,
  ) => {
    const n = noteOf(s);
    p(
      text({
        models: fig(f.int(c.models), n),
        base: baseDay,
        date: day,
        before: fig(f.int(c.before), n),
        after: fig(f.int(c.after), n),
        change: change(c),
      }),
    );
    if (c.dominant) {
      const d = c.dominant;
      p(
        m.likeForLikeDominant({
          id: d.id,
          share: fig(f.pct(d.share * 100), n),
          at: f.date(d.at),
          base: baseDay,
          date: day,
          before: fig(f.int(d.before), n),
          after: fig(f.int(d.after), n),
          change: fig(change(d.without), n),
        }),
      );
    }
  };

  /** A followed subject's dominant model (named with the total without it) and its like-for-like change. */
  const subjectChanges = (
    d: { id: string; downloads: number; share: number; without: { downloads: number } } | null,
    compare: ReportData["headline"]["compare"],
    n: number,
    since: Messages["familySince"],
  ) => {
    if (d) {
      p(
        m.dominant({
          id: d.id,
          share: fig(f.pct(d.share * 100), n),
          downloads: fig(f.int(d.downloads), n),
          without: fig(f.int(d.without.downloads), n),
          date: day,
        }),
      );
    }
    if (compare && data.base) {
      likeForLike(
        compare,
        { query: "like-for-like", date: data.date, base: data.base, def: "likeForLike" },
        since,
        (c) => delta(c.after, c.before),
      );
    }
  };

  // Headline
  const h = data.headline;
  h2("headline", m.headlineTitle);
  if (h.coverage) {
    p(
      m.coverage({
        date: day,
        full: h.coverage.kind === "full",
        how: h.coverage.how,
        models: int(h.coverage.models, h.source),
      }),
    );
  }
  p(
    m.headline({
      date: day,
      models: int(h.models, h.source),
      downloads: int(h.downloads, h.source),
      full: h.coverage?.kind === "full",
    }),
  );
  if (h.dominant) {
    p(
      m.dominant({
        id: h.dominant.id,
        share: fig(f.pct(h.dominant.share * 100), noteOf(h.source)),
        downloads: int(h.dominant.downloads, h.source),
        without: int(h.dominant.without, h.source),
        date: day,
      }),
    );
  }
  if (h.base && h.compare && h.compareSource) {
    likeForLike(h.compare, h.compareSource, m.likeForLike, (c) => f.signedPct(c.changePct));
    const baseSource = { ...h.source, date: h.base.date, base: undefined };
    if (h.totalChangePct !== null) {
      p(
        m.totalsFull({
          base: baseDay,
          date: day,
          before: int(h.base.downloads, baseSource),
          after: int(h.downloads, h.source),
          change: f.signedPct(h.totalChangePct),
        }),
      );
    } else {
      p(
        m.totalsNotCompared({
          base: baseDay,
          baseFull: h.base.coverage.kind === "full",
          baseHow: h.base.coverage.how,
          date: day,
          full: h.coverage?.kind === "full",
          how: h.coverage?.how ?? "–",
        }),
      );
    }
  } else p(m.headlineNoBase);

  // Top models
  h2("top-models", m.topModelsTitle);
  const tm = noteOf(data.topModels.source);
  blocks.push({
    kind: "table",
    columns: [
      { label: m.colRank, align: "right" },
      { label: m.colModel },
      { label: fig(m.colDownloads({ date: day }), tm), align: "right" },
      { label: m.colLikes, align: "right" },
    ],
    rows: data.topModels.rows.map((r, i) => [f.int(i + 1), r.id, f.int(r.downloads), f.int(r.likes)]),
  });

  // Top families
  h2("top-families", m.topFamiliesTitle);
  const tf = noteOf(data.topFamilies.source);
  const fams = data.topFamilies.rows;
  p(m.topFamiliesIntro({ tracked: f.int(data.topFamilies.tracked), shown: f.int(fams.length), date: day }));
  const colDl = m.colDownloads({ date: day });
  blocks.push({
    kind: "table",
    columns: [
      { label: m.colRank, align: "right" },
      { label: m.colFamily },
      { label: `${m.colOfficial}: ${m.colRepos}`, align: "right" },
      { label: fig(`${m.colOfficial}: ${colDl}`, tf), align: "right" },
      { label: `${m.colDerivatives}: ${m.colRepos}`, align: "right" },
      { label: fig(`${m.colDerivatives}: ${colDl}`, tf), align: "right" },
      { label: fig(`${m.colTotal}: ${colDl}`, tf), align: "right" },
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
        date: day,
        officialRepos: fig(f.int(b.official.repos), n),
        officialDownloads: fig(f.int(b.official.downloads), n),
        derivativeRepos: fig(f.int(b.derivatives.repos), n),
        derivativeDownloads: fig(f.int(b.derivatives.downloads), n),
        totalRepos: fig(f.int(b.total.repos), n),
        totalDownloads: fig(f.int(b.total.downloads), n),
      }),
    );
    if (fs.relations) p(m.familyRelations({ relations: fs.relations }));
    subjectChanges(b.dominant, fs.compare, n, m.familySince);
    const rel = Object.entries(b.derivatives.byRelation);
    if (rel.length > 0) {
      blocks.push({ kind: "h3", text: m.familyByRelation });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colRelation },
          { label: m.colRepos, align: "right" },
          { label: fig(m.colDownloads({ date: day }), n), align: "right" },
        ],
        rows: rel.map(([k, v]) => [m.relationNames[k] ?? k, f.int(v.repos), f.int(v.downloads)]),
      });
    }
    if (b.top.length > 0) {
      blocks.push({ kind: "h3", text: m.familyTopMembers });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colModel },
          { label: m.colRelation },
          { label: fig(m.colDownloads({ date: day }), n), align: "right" },
        ],
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
    const releases = o.body.releases.filter((r) => r.version !== OTHER_VERSION).map((r) => r.version);
    p(
      m.org({
        author: o.author,
        match: o.match,
        repos: fig(f.int(o.body.repos), n),
        versions: fig(f.int(releases.length), nv),
        count: releases.length,
        versionList: [...releases].sort().join(", "),
        downloads: fig(f.int(o.body.downloads), n),
        date: day,
      }),
    );
    subjectChanges(o.body.dominant, o.compare, n, m.orgSince);
    blocks.push({
      kind: "table",
      columns: [
        { label: fig(m.colVersion, nv) },
        { label: m.colRepos, align: "right" },
        { label: fig(m.colDownloads({ date: day }), n), align: "right" },
        { label: m.colShare, align: "right" },
      ],
      rows: o.body.versions.map((v) => [
        v.version,
        f.int(v.repos),
        f.int(v.downloads),
        v.uncounted ? m.notCounted : f.pct(v.share * 100),
      ]),
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
        date: day,
        open: fig(f.pct(share("open-source", "open-content")), n),
        rail: fig(f.pct(share("responsible-use")), n),
        vendor: fig(f.pct(share("vendor-community")), n),
        nonCommercial: fig(f.pct(share("non-commercial")), n),
        unknown: fig(f.pct(share("unknown")), n),
      }),
    );
    if (op.dominant) {
      const d = op.dominant;
      const without = (...classes: string[]) =>
        fig(
          f.pct(d.without.classes.filter((c) => classes.includes(c.class)).reduce((a, c) => a + c.share * 100, 0)),
          n,
        );
      p(
        m.opennessDominant({
          id: d.id,
          className: m.classNames[d.class] ?? d.class,
          share: fig(f.pct(d.share * 100), n),
          open: without("open-source", "open-content"),
          rail: without("responsible-use"),
          vendor: without("vendor-community"),
          nonCommercial: without("non-commercial"),
          unknown: without("unknown"),
        }),
      );
    }
    blocks.push({
      kind: "table",
      columns: [
        { label: m.colClass },
        { label: m.colRepos, align: "right" },
        { label: fig(m.colDownloads({ date: day }), n), align: "right" },
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
          tokens: f.compact(plan.workload.tokensPerMonth),
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

  // Open vs closed
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

  // Who serves the tokens (OpenRouter usage)
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

  // Changes
  if (data.base && data.changes) {
    const c = data.changes;
    const n = noteOf(c.source);
    h2("changes", m.changesTitle({ base: baseDay }));
    likeForLike(
      c.compare,
      { query: "like-for-like", date: data.date, base: data.base, def: "likeForLike" },
      m.changesTotals,
      (x) => delta(x.after, x.before),
    );
    if (c.movers.length > 0) {
      blocks.push({ kind: "h3", text: m.changesMovers });
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colModel },
          { label: fig(m.colBefore({ date: baseDay }), n), align: "right" },
          { label: fig(m.colAfter({ date: day }), n), align: "right" },
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
    p(
      m.changesEntrants({
        count: fig(f.int(c.entrantCount), ne),
        downloads: fig(f.int(c.entrantDownloads), ne),
        date: day,
        basePartial: c.basePartial,
        base: baseDay,
      }),
    );
    if (c.entrants.length > 0) {
      blocks.push({
        kind: "table",
        columns: [{ label: m.colModel }, { label: fig(m.colDownloads({ date: day }), ne), align: "right" }],
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
    if (data.history.coverageChanged.length > 0) {
      p(
        m.historyCoverage({
          dates: data.history.coverageChanged.map((d) => f.date(d)).join(", "),
          count: data.history.coverageChanged.length,
        }),
      );
    }
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
