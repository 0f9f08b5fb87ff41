/**
 * Matching OpenRouter model ids to what omo knows: the Hub repo of the weights, the family, the organisation and its
 * country, the closed-model catalogue; and, from that evidence, the model's token class (open weights, closed API,
 * unknown). Pure: the caller gathers the catalogue, the Hub repos and the reviewed tables.
 *
 * Hub repo, in this order (each reported as such):
 *  1. `catalogue` — OpenRouter's own catalogue (`/api/v1/models`) gives the repo as `hugging_face_id` for the id's
 *     permaslug (canonical_slug) or catalogue id;
 *  2. `alias` — the reviewed alias table (data/usage/openrouter-hub-aliases.yaml) lists the id's base;
 *  3. `name-rule` — a Hub repo known to omo (stored snapshots, or another catalogue entry) of the same organisation
 *     (the author, or any of the organisation's spellings in data/organisations.yaml) has the same normalised name.
 *
 * Class, in this order: a repo from the catalogue or the alias table → open; a model exception of the reviewed
 * rule (data/usage/openrouter-classes.yaml) → its class; a repo from the name rule → open; a match in the closed
 * catalogue (data/closed-models.yaml, id and aliases) → closed; else the rule's author default (unknown for stealth
 * models, routers and authors it does not list).
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import type { ClosedModel } from "./closed-models.js";
import { readDataFile } from "./data-files.js";
import { type Family, isOfficial } from "./families.js";
import { baseModelId, normaliseName, splitAuthor, stripDateSuffix, stripVariant } from "./model-names.js";
import type { Organisations } from "./organisations.js";
import { type ClassRule, ruleClass, type TokenClass } from "./usage-classes.js";
import { parseYamlFile } from "./yaml-file.js";

/** How a Hub repo was found. */
export type HubMethod = "catalogue" | "alias" | "name-rule";

/** One reviewed alias: an OpenRouter base id and the Hub repo of its weights. */
export interface HubAlias {
  openrouter: string;
  hub: string;
  source: string;
}

/** The shipped alias table. */
export const HUB_ALIASES_FILE = fileURLToPath(new URL("../../data/usage/openrouter-hub-aliases.yaml", import.meta.url));

const AliasFileSchema = z.strictObject({
  aliases: z.array(
    z.strictObject({
      openrouter: z
        .string()
        .trim()
        .regex(/^[^/\s]+\/[^\s]+$/, "expected an OpenRouter id author/name"),
      hub: z
        .string()
        .trim()
        .regex(/^[^/\s]+\/[^/\s]+$/, "expected a Hub repo id author/name"),
      source: z.url(),
    }),
  ),
});

/** Parses the alias table (errors name file, line and field). */
export function parseHubAliases(text: string, file: string): HubAlias[] {
  return parseYamlFile(text, file, AliasFileSchema).aliases.map((a) => ({
    ...a,
    openrouter: baseModelId(a.openrouter),
  }));
}

/** Loads the shipped alias table (or `opts.path`). */
export async function loadHubAliases(opts: { path?: string } = {}): Promise<HubAlias[]> {
  const file = opts.path ?? HUB_ALIASES_FILE;
  return parseHubAliases(await readDataFile(file, "the OpenRouter alias table"), file);
}

/** A catalogue entry as matching needs it. */
export interface CatalogueLink {
  huggingFaceId: string | null;
  asOf: string;
  source: string;
}

/** Everything a match reads. */
export interface MatchContext {
  rule: ClassRule;
  aliases: readonly HubAlias[];
  /** Catalogue entries by lower-cased permaslug and by lower-cased catalogue id (newest first per key). */
  catalogue: ReadonlyMap<string, CatalogueLink>;
  /** Hub repos known to omo by lower-cased author: id and normalised name. */
  hubByAuthor: ReadonlyMap<string, ReadonlyArray<{ id: string; name: string }>>;
  families: readonly Family[];
  organisations: Organisations;
  closed: readonly ClosedModel[];
}

/** What omo knows about one OpenRouter id. */
export interface UsageMatch {
  /** The id as stored (permaslug, no variant). */
  id: string;
  /** Variant and release date removed: ids of one model under several permaslugs share it. */
  base: string;
  author: string | null;
  class: TokenClass;
  /** Why it has that class. */
  classBasis: string;
  /** What the reviewed rule alone would say. */
  ruleClass: TokenClass;
  hub: { repo: string; method: HubMethod; detail: string } | null;
  family: { name: string; title: string } | null;
  organisation: { name: string; country: string } | null;
  closed: { id: string; name: string; provider: string } | null;
  /** Each step tried, in order, for `--explain`. */
  steps: string[];
}

/** The closed-catalogue entry an OpenRouter name stands for: an id or alias, exactly or as `id-<words>`. */
function closedMatch(ctx: MatchContext, author: string | null, name: string): ClosedModel | null {
  const org = ctx.organisations.find(author);
  const n = normaliseName(stripDateSuffix(name));
  let best: { m: ClosedModel; len: number } | null = null;
  for (const m of ctx.closed) {
    const provider = m.provider.toLowerCase();
    if (author && provider !== author.toLowerCase() && provider !== org?.name.toLowerCase()) continue;
    const extra = (m as ClosedModel & { aliases?: unknown }).aliases;
    const names = [m.id, ...(Array.isArray(extra) ? extra.filter((a): a is string => typeof a === "string") : [])];
    for (const raw of names) {
      const a = normaliseName(stripDateSuffix(splitAuthor(raw).name));
      // `claude-3.5` covers `claude-3.5-sonnet`, but `claude-3` does not cover `claude-3-7-sonnet` (a version)
      const hit = n === a || (n.startsWith(`${a}-`) && !/^\d/.test(n.slice(a.length + 1)));
      if (hit && (!best || a.length > best.len)) best = { m, len: a.length };
    }
  }
  return best?.m ?? null;
}

/** Matches one OpenRouter id (a permaslug, with or without `:variant`). */
export function matchModel(id: string, ctx: MatchContext): UsageMatch {
  const plain = stripVariant(id);
  const { author, name } = splitAuthor(plain);
  const base = baseModelId(plain);
  const steps: string[] = [];
  const rule = ruleClass(ctx.rule, plain);

  // 1. the catalogue's hugging_face_id
  let hub: UsageMatch["hub"] = null;
  const entry = ctx.catalogue.get(plain.toLowerCase());
  if (entry?.huggingFaceId) {
    hub = {
      repo: entry.huggingFaceId,
      method: "catalogue",
      detail: `OpenRouter catalogue of ${entry.asOf} (${entry.source}): hugging_face_id ${entry.huggingFaceId}`,
    };
    steps.push(`catalogue: ${hub.detail}`);
  } else {
    steps.push(
      entry
        ? `catalogue: listed (${entry.asOf}) without a hugging_face_id`
        : "catalogue: not in the imported OpenRouter catalogues",
    );
  }
  // 2. the reviewed alias table
  if (!hub) {
    const alias = ctx.aliases.find((a) => a.openrouter.toLowerCase() === base);
    if (alias) {
      hub = { repo: alias.hub, method: "alias", detail: `alias table: ${base} → ${alias.hub} (${alias.source})` };
      steps.push(hub.detail);
    } else steps.push(`alias table: no entry for ${base}`);
  }
  // 3. the name rule
  const org = ctx.organisations.find(author);
  let named: string | null = null;
  if (!hub && author) {
    const authors = new Set([author.toLowerCase(), ...(org ? org.aliases.map((a) => a.toLowerCase()) : [])]);
    const want = normaliseName(stripDateSuffix(name));
    const found: string[] = [];
    for (const a of authors) for (const r of ctx.hubByAuthor.get(a) ?? []) if (r.name === want) found.push(r.id);
    found.sort();
    named = found[0] ?? null;
    if (named) {
      hub = {
        repo: named,
        method: "name-rule",
        detail: `name rule: ${named} is a Hub repo of ${[...authors].join(" / ")} named "${want}"${found.length > 1 ? ` (also ${found.slice(1).join(", ")})` : ""}`,
      };
      steps.push(hub.detail);
    } else {
      steps.push(`name rule: no Hub repo known to omo of ${[...authors].join(" / ")} named "${want}"`);
    }
  }

  const closed = closedMatch(ctx, author, name);
  steps.push(
    closed ? `closed catalogue: ${closed.name} (${closed.provider}, id ${closed.id})` : "closed catalogue: no match",
  );

  let cls: TokenClass;
  let basis: string;
  if (hub && hub.method !== "name-rule") {
    cls = "open";
    basis = `weights on the Hub (${hub.method === "catalogue" ? "catalogue hugging_face_id" : "alias table"}: ${hub.repo})`;
  } else if (rule.basis.startsWith("exception")) {
    cls = rule.class;
    basis = `reviewed rule, ${rule.basis}`;
  } else if (hub) {
    cls = "open";
    basis = `weights on the Hub (name rule: ${hub.repo})`;
  } else if (closed) {
    cls = "closed";
    basis = `closed catalogue: ${closed.name}`;
  } else {
    cls = rule.class;
    basis = `reviewed rule, ${rule.basis}`;
  }
  steps.push(`class: ${cls} (${basis}; the rule alone says ${rule.class}: ${rule.basis})`);

  const family = hub ? (ctx.families.find((f) => isOfficial(f, hub.repo)) ?? null) : null;
  steps.push(
    family
      ? `family: ${family.title} (official rule of data/families/${family.name}.yaml on ${hub?.repo})`
      : hub
        ? `family: ${hub.repo} is official in no family of the registry`
        : "family: none (no Hub repo)",
  );
  steps.push(
    org
      ? `organisation: ${org.name} (${org.country}) for prefix ${author}`
      : `organisation: prefix ${author ?? "(none)"} not in data/organisations.yaml`,
  );
  return {
    id: plain,
    base,
    author,
    class: cls,
    classBasis: basis,
    ruleClass: rule.class,
    hub,
    family: family ? { name: family.name, title: family.title } : null,
    organisation: org ? { name: org.name, country: org.country } : null,
    closed: closed ? { id: closed.id, name: closed.name, provider: closed.provider } : null,
    steps,
  };
}

/** Builds the catalogue lookup: newest entry per permaslug and per catalogue id (entries given newest first). */
export function catalogueIndex(
  entries: ReadonlyArray<{
    id: string;
    canonicalSlug: string | null;
    huggingFaceId: string | null;
    asOf: string;
    source: string;
  }>,
): Map<string, CatalogueLink> {
  const out = new Map<string, CatalogueLink>();
  for (const e of entries) {
    const link = { huggingFaceId: e.huggingFaceId, asOf: e.asOf, source: e.source };
    for (const key of [e.canonicalSlug, e.id]) {
      if (!key) continue;
      const k = stripVariant(key).toLowerCase();
      const prior = out.get(k);
      // a newer entry wins, but a hugging_face_id is never lost to a newer entry without one
      if (!prior || (!prior.huggingFaceId && link.huggingFaceId)) out.set(k, link);
    }
  }
  return out;
}

/** Groups known Hub repo ids by lower-cased author with their normalised names. */
export function hubIndex(ids: Iterable<string>): Map<string, Array<{ id: string; name: string }>> {
  const out = new Map<string, Array<{ id: string; name: string }>>();
  for (const id of ids) {
    const { author, name } = splitAuthor(id);
    if (!author) continue;
    const k = author.toLowerCase();
    const list = out.get(k) ?? [];
    if (!list.some((r) => r.id === id)) list.push({ id, name: normaliseName(name) });
    out.set(k, list);
  }
  return out;
}
