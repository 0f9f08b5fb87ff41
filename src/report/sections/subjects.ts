/** Report section: the followed subjects: each family (totals, by relation, top members, lineage treemap) and each organisation (repos, versions). */
import { renderSvg } from "../../charts/ssr.js";
import { buildTreemapOption } from "../../charts/treemap.js";
import { OTHER_VERSION } from "../../domain/versions.js";
import type { ReportData } from "../build.js";
import { fig } from "../document.js";
import type { Messages } from "../messages.js";
import { type ReportWriter, WIDE } from "./writer.js";

/** Writes the section. */
export function subjectsSection(w: ReportWriter): void {
  const { data, m, f, day, blocks, noteOf, h2, p, delta, likeForLike } = w;
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
}
