/**
 * Atom feeds computed from the stored snapshots (nothing is remembered between requests):
 * - a model's feed: one entry per snapshot that lists it, with its 30-day downloads, the change since the previous
 *   snapshot (like for like: the same model) and its new direct derivatives;
 * - a family's feed: one entry per snapshot, with its totals and the members new since the previous snapshot;
 * - a watchlist's feed: one entry per rule and snapshot where the rule fired newly (as `omo alerts check` reports).
 * Entries are the last {@link FEED_SNAPSHOTS} snapshots, newest first; ids are stable UUIDs (a hash of the feed and
 * the entry), so a reader sees a reloaded snapshot as an update, not a new entry. Rendered with the `feed` package.
 */

import { createHash } from "node:crypto";
import { Feed } from "feed";
import { type AnswerContext, familyBody, familyParams, modelBody } from "../answers/bodies.js";
import type { Family } from "../domain/families.js";
import { relationLabel } from "../domain/relations.js";
import { escapeMarkup as esc } from "../formats/markup.js";
import { familyMembers, modelNewChildren, snapshotList } from "../queries/index.js";
import type { Store } from "../store/store.js";
import { checkWatchlist } from "./check.js";
import type { Watchlist } from "./watchlist.js";

/** How many of the latest complete snapshots a feed covers. */
export const FEED_SNAPSHOTS = 20;

/** One feed entry. */
export interface FeedEntry {
  /** Stable id (`urn:uuid:…`). */
  id: string;
  title: string;
  /** Dashboard link (absolute). */
  link: string;
  /** When the snapshot was finished (its date at 00:00 UTC when unknown). */
  updated: Date;
  /** Plain-text summary. */
  summary: string;
  /** HTML content (escaped text, lists). */
  content: string;
}

/** What a feed is about and its entries. */
export interface FeedData {
  id: string;
  title: string;
  description: string;
  /** The feed's own URL and the dashboard page it follows. */
  self: string;
  alternate: string;
  entries: FeedEntry[];
}

/** A stable `urn:uuid:` from a text (UUID v5-like layout of a SHA-1). */
export function stableId(text: string): string {
  const h = createHash("sha1").update(`omo:${text}`).digest("hex");
  const v = `5${h.slice(13, 16)}`;
  const variant = ((Number.parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16);
  return `urn:uuid:${h.slice(0, 8)}-${h.slice(8, 12)}-${v}-${variant}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

const n = (x: number | null | undefined) => (x === null || x === undefined ? "–" : x.toLocaleString("en-US"));
const pct = (a: number | null, b: number | null) =>
  a === null || b === null || b === 0
    ? ""
    : ` (${a >= b ? "+" : ""}${((100 * (a - b)) / b).toFixed(1)}% since the previous snapshot)`;

/** The latest complete snapshots, newest first, each with the one before it and when it was finished. */
async function snapshotsOf(store: Store) {
  const all = (await store.query(snapshotList, {})).filter((s) => s.status === "complete");
  return all.slice(0, FEED_SNAPSHOTS).map((s, i) => ({
    date: s.date,
    previous: all[i + 1]?.date ?? null,
    updated: new Date(s.finished ?? `${s.date}T00:00:00Z`),
  }));
}

/** A model's feed; throws the context's not-found error for an unknown model. */
export async function modelFeed(store: Store, ctx: AnswerContext, id: string, origin: string): Promise<FeedData> {
  const snaps = await snapshotsOf(store);
  const latest = snaps[0]?.date;
  if (!latest) throw ctx.notFound("no snapshots loaded");
  const { model, history } = await modelBody(ctx, id, latest);
  const byDate = new Map(history.map((h) => [h.date, h]));
  const page = `${origin}/#/model/${model.id}`;
  const entries: FeedEntry[] = [];
  for (const s of snaps) {
    const h = byDate.get(s.date);
    if (!h) continue;
    const prev = s.previous ? (byDate.get(s.previous) ?? null) : null;
    const kids = s.previous
      ? await ctx.query(modelNewChildren, { id: model.id, date: s.date, since: s.previous, limit: 50 })
      : [];
    const title = `${model.id} on ${s.date}: ${n(h.downloads)} downloads in 30 days${pct(h.downloads, prev?.downloads ?? null)}${
      kids.length ? `, ${kids.length} new derivative${kids.length === 1 ? "" : "s"}` : ""
    }`;
    const lines = [
      `30-day downloads ${n(h.downloads)} at the snapshot of ${s.date}${prev ? `; ${n(prev.downloads)} at ${s.previous}` : s.previous ? `; not listed at ${s.previous}` : "; first snapshot"}.`,
      `Likes ${n(h.likes)}.`,
    ];
    const list = kids.map((k) => `${k.id} (${relationLabel(k.relation)}, ${n(k.downloads)} downloads)`);
    entries.push({
      id: stableId(`model/${model.id.toLowerCase()}/${s.date}`),
      title,
      link: page,
      updated: s.updated,
      summary: [...lines, list.length ? `New derivatives: ${list.join("; ")}.` : ""].filter(Boolean).join(" "),
      content: `${lines.map((l) => `<p>${esc(l)}</p>`).join("")}${
        list.length
          ? `<p>New direct derivatives (first seen after ${esc(s.previous ?? "")}):</p><ul>${list.map((l) => `<li>${esc(l)}</li>`).join("")}</ul>`
          : ""
      }`,
    });
  }
  return {
    id: stableId(`feed/model/${model.id.toLowerCase()}`),
    title: `${model.id} — omo`,
    description: `30-day downloads and new direct derivatives of ${model.id}, one entry per stored snapshot of the Hugging Face Hub.`,
    self: `${origin}/feeds/model/${model.id}.atom`,
    alternate: page,
    entries,
  };
}

/** A family's feed. */
export async function familyFeed(store: Store, ctx: AnswerContext, f: Family, origin: string): Promise<FeedData> {
  const snaps = await snapshotsOf(store);
  const page = `${origin}/#/family/${f.name}`;
  const entries: FeedEntry[] = [];
  const members = new Map<string, Map<string, { id: string; downloads: number | null }>>();
  const membersAt = async (date: string) => {
    let m = members.get(date);
    if (!m) {
      const rows = await ctx.query(familyMembers, { ...familyParams(f, {}, date), limit: 100_000 });
      m = new Map(rows.map((x) => [x.id.toLowerCase(), { id: x.id, downloads: x.downloads }]));
      members.set(date, m);
    }
    return m;
  };
  const totals = new Map<string, Awaited<ReturnType<typeof familyBody>>>();
  const totalAt = async (date: string) => {
    let t = totals.get(date);
    if (!t) {
      t = await familyBody(ctx, f, {}, date, 5);
      totals.set(date, t);
    }
    return t;
  };
  for (const s of snaps) {
    const t = await totalAt(s.date);
    if (t.total.repos === 0) continue;
    const before = s.previous ? await totalAt(s.previous) : null;
    let fresh: string[] = [];
    // like for like: the members listed with a count at both snapshots (totals of snapshots whose coverage differs
    // are never compared)
    let common = { repos: 0, before: 0, after: 0 };
    if (s.previous) {
      const was = await membersAt(s.previous);
      const now = await membersAt(s.date);
      fresh = [...now.entries()].filter(([k]) => !was.has(k)).map(([, v]) => v.id);
      for (const [k, v] of now) {
        const w = was.get(k);
        if (!w || w.downloads === null || v.downloads === null) continue;
        common = { repos: common.repos + 1, before: common.before + w.downloads, after: common.after + v.downloads };
      }
    }
    const change = common.repos
      ? pct(common.after, common.before).replace("since the previous snapshot", "like for like")
      : "";
    const title = `${f.title} on ${s.date}: ${n(t.total.downloads)} downloads in 30 days${change}${
      fresh.length ? `, ${fresh.length} new member${fresh.length === 1 ? "" : "s"}` : ""
    }`;
    const lines = [
      `Official repos ${n(t.official.repos)} (${n(t.official.downloads)} downloads), lineage derivatives ${n(t.derivatives.repos)} (${n(t.derivatives.downloads)}), total ${n(t.total.repos)} repos, ${n(t.total.downloads)} downloads in the 30 days to ${s.date}.`,
      before
        ? `Like for like, the ${n(common.repos)} members listed at both ${s.previous} and ${s.date}: ${n(common.before)} → ${n(common.after)} downloads. At ${s.previous} the family counted ${n(before.total.repos)} repos and ${n(before.total.downloads)} downloads in that snapshot's own coverage.`
        : "",
    ].filter(Boolean);
    entries.push({
      id: stableId(`family/${f.name}/${s.date}`),
      title,
      link: page,
      updated: s.updated,
      summary: [
        ...lines,
        fresh.length ? `New members: ${fresh.slice(0, 20).join(", ")}${fresh.length > 20 ? ", …" : ""}.` : "",
      ]
        .filter(Boolean)
        .join(" "),
      content: `${lines.map((l) => `<p>${esc(l)}</p>`).join("")}${
        fresh.length
          ? `<p>Members not listed at ${esc(s.previous ?? "")}:</p><ul>${fresh
              .slice(0, 50)
              .map((id) => `<li>${esc(id)}</li>`)
              .join("")}</ul>${fresh.length > 50 ? `<p>… and ${fresh.length - 50} more.</p>` : ""}`
          : ""
      }`,
    });
  }
  return {
    id: stableId(`feed/family/${f.name}`),
    title: `${f.title} family — omo`,
    description: `${f.title}: official repos and lineage derivatives, one entry per stored snapshot of the Hugging Face Hub.`,
    self: `${origin}/feeds/family/${f.name}.atom`,
    alternate: page,
    entries,
  };
}

/** A watchlist's feed: one entry per rule and snapshot where the rule fired newly. */
export async function watchlistFeed(
  store: Store,
  w: Watchlist,
  families: readonly Family[],
  origin: string,
): Promise<FeedData> {
  const snaps = await snapshotsOf(store);
  const entries: FeedEntry[] = [];
  for (const s of snaps) {
    if (!s.previous) continue;
    const report = await checkWatchlist(store, w, { date: s.date, families });
    for (const r of report.results) {
      if (r.status !== "fired" || !r.newly) continue;
      const extra = (r.derivatives ?? []).map(
        (d) => `${d.id} (${relationLabel(d.relation)}, ${n(d.downloads)} downloads)`,
      );
      entries.push({
        id: stableId(`watchlist/${w.name}/${r.id}/${s.date}`),
        title: `${r.rule}: fired on ${s.date}`,
        link: `${origin}/${r.link}`,
        updated: s.updated,
        summary: r.reason,
        content: `<p>${esc(r.reason)}</p><p>Rule <code>${esc(r.id)}</code> of ${esc(w.title)}; snapshot ${esc(s.date)} against ${esc(
          s.previous,
        )}; query ${esc(r.query)}.</p>${extra.length ? `<ul>${extra.map((x) => `<li>${esc(x)}</li>`).join("")}</ul>` : ""}`,
      });
    }
  }
  return {
    id: stableId(`feed/watchlist/${w.name}`),
    title: `${w.title} — omo alerts`,
    description: `Rules of the watchlist ${w.name} when they fire, evaluated at every stored snapshot against the previous one.`,
    self: `${origin}/feeds/watchlist/${w.name}.atom`,
    alternate: `${origin}/#/`,
    entries,
  };
}

/** Renders a feed as Atom 1.0 XML. */
export function renderAtom(data: FeedData): string {
  const updated = data.entries[0]?.updated ?? new Date(0);
  const feed = new Feed({
    id: data.id,
    title: data.title,
    description: data.description,
    link: data.alternate,
    updated,
    generator: "omo (Open Model Observatory)",
    feedLinks: { atom: data.self },
    author: { name: "Open Model Observatory (omo)" },
    copyright: "Figures computed by omo from public Hugging Face Hub metadata",
  });
  for (const e of data.entries) {
    feed.addItem({
      id: e.id,
      title: e.title,
      link: e.link,
      date: e.updated,
      description: e.summary,
      content: e.content,
    });
  }
  return feed.atom1();
}
