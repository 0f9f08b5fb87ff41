/**
 * Matching OpenRouter model ids to what omo knows: the Hub repo of the weights, the family, the organisation and its
 * country, the closed-model catalogue; and, from that evidence, the model's token class (open weights, closed API,
 * unknown). Pure: the caller gathers the catalogue, the Hub repos and the reviewed tables. The name comparisons are
 * the shared matcher's (src/domain/model-names.ts: `matchHubRepo`, `matchFamily`, `matchClosed`).
 *
 * Hub repo, in this order (each reported as such):
 *  1. `catalogue` — OpenRouter's own catalogue (`/api/v1/models`) gives the repo as `hugging_face_id` for the id's
 *     permaslug (canonical_slug) or catalogue id;
 *  2. `alias` — the reviewed alias table (data/usage/openrouter-hub-aliases.yaml) lists the id's base;
 *  3. `name-rule` — a Hub repo known to omo (stored snapshots, or another catalogue entry) in one of the
 *     organisation's Hub namespaces (data/organisations.yaml) or the prefix's own namespace has the same normalised
 *     name (the shared name rule).
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
import type { Family } from "./families.js";
import {
  baseModelId,
  matchClosed,
  matchFamily,
  matchHubRepo,
  type NameAlias,
  nameKey,
  type OrganisationIndex,
  splitProvider,
  stripDateSuffix,
  stripVariant,
} from "./model-names.js";
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

/** One entry of a leaderboard table as usage matching reads it (from the leaderboards' own matching). */
export interface LeaderboardEntryLink {
  model: string;
  score: number | null;
  rank: number | null;
  hubRepo: string | null;
  closedId: string | null;
  family: string | null;
  /** Whether the leaderboards count it as open weights (a family's best counts only those). */
  open: boolean;
}

/** A leaderboard table indexed for usage matching: by Hub repo, by name key, by closed-catalogue id. */
export interface LeaderboardIndex {
  board: string;
  date: string;
  byRepo: ReadonlyMap<string, LeaderboardEntryLink>;
  byKey: ReadonlyMap<string, LeaderboardEntryLink>;
  byClosed: ReadonlyMap<string, LeaderboardEntryLink>;
  entries: readonly LeaderboardEntryLink[];
}

/** Indexes a table's entries (best score first when two entries share a key). */
export function leaderboardIndex(
  board: string,
  date: string,
  entries: readonly LeaderboardEntryLink[],
): LeaderboardIndex {
  const sorted = [...entries].sort((a, b) => (b.score ?? -1e9) - (a.score ?? -1e9) || a.model.localeCompare(b.model));
  const byRepo = new Map<string, LeaderboardEntryLink>();
  const byKey = new Map<string, LeaderboardEntryLink>();
  const byClosed = new Map<string, LeaderboardEntryLink>();
  for (const e of sorted) {
    if (e.hubRepo && !byRepo.has(e.hubRepo.toLowerCase())) byRepo.set(e.hubRepo.toLowerCase(), e);
    const k = nameKey(stripDateSuffix(splitProvider(e.model).model));
    if (!byKey.has(k)) byKey.set(k, e);
    if (e.closedId && !byClosed.has(e.closedId)) byClosed.set(e.closedId, e);
  }
  return { board, date, byRepo, byKey, byClosed, entries: sorted };
}

/** Everything a match reads. */
export interface MatchContext {
  rule: ClassRule;
  aliases: readonly HubAlias[];
  /** Catalogue entries by lower-cased permaslug and by lower-cased catalogue id. */
  catalogue: ReadonlyMap<string, CatalogueLink>;
  /** Hub repos known to omo by lower-cased author. */
  hubRepos: ReadonlyMap<string, readonly string[]>;
  families: readonly Family[];
  organisations: OrganisationIndex;
  closed: readonly ClosedModel[];
  /** The leaderboard table to match against (the stored one nearest the usage data), when the store has one. */
  leaderboard?: LeaderboardIndex | null;
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
  /** The family of the Hub repo (`official`), else a family whose name pattern the id carries (`name`, open only). */
  family: { name: string; title: string; rule: "official" | "name" } | null;
  organisation: { name: string; country: string | null } | null;
  closed: { id: string; name: string; provider: string; rule: string } | null;
  /** The leaderboard entry of the model (by Hub repo, name, or the closed catalogue's line), with its score. */
  leaderboard: {
    board: string;
    date: string;
    model: string;
    score: number | null;
    rank: number | null;
    rule: "hub-repo" | "name" | "closed-catalogue";
  } | null;
  /** Each step tried, in order, for `--explain`. */
  steps: string[];
}

/** The alias table as the shared matcher reads it: keyed by the name key of the base's name (after the prefix). */
function aliasMap(aliases: readonly HubAlias[]): Map<string, NameAlias & { base: string }> {
  const out = new Map<string, NameAlias & { base: string }>();
  for (const a of aliases) {
    out.set(nameKey(splitProvider(a.openrouter).model), { repo: a.hub, source: a.source, base: a.openrouter });
  }
  return out;
}

const aliasMaps = new WeakMap<readonly HubAlias[], Map<string, NameAlias & { base: string }>>();

/** Matches one OpenRouter id (a permaslug, with or without `:variant`). */
export function matchModel(id: string, ctx: MatchContext): UsageMatch {
  const plain = stripVariant(id);
  const { provider: author, model: name } = splitProvider(plain);
  const base = baseModelId(plain);
  const steps: string[] = [];
  const rule = ruleClass(ctx.rule, plain);
  const org = ctx.organisations.find(author);

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
  // 2–3. the reviewed alias table, then the name rule (the shared matcher), on the name without its release date
  if (!hub) {
    let aliases = aliasMaps.get(ctx.aliases);
    if (!aliases) {
      aliases = aliasMap(ctx.aliases);
      aliasMaps.set(ctx.aliases, aliases);
    }
    // an alias counts only for the prefix it was reviewed under
    const own = aliases.get(nameKey(stripDateSuffix(name)));
    const usable = new Map<string, NameAlias>();
    if (own && own.base === base) usable.set(nameKey(stripDateSuffix(name)), own);
    const m = matchHubRepo(
      { name: stripDateSuffix(name), organisation: author, namespaces: author ? [author] : [] },
      { aliases: usable, urlRepos: new Map(), hubRepos: ctx.hubRepos, organisations: ctx.organisations },
    );
    if (m.repo !== null && "rule" in m) {
      const method: HubMethod = m.rule === "alias" ? "alias" : "name-rule";
      hub = {
        repo: m.repo,
        method,
        detail: method === "alias" ? `alias table: ${base} → ${m.repo} (${own?.source})` : `name rule: ${m.evidence}`,
      };
      steps.push(hub.detail);
    } else {
      steps.push(`alias table: no entry for ${base}`);
      steps.push(`name rule: ${"reason" in m ? m.reason : "no match"}`);
    }
  }

  const closed = author || /^text-embedding-/.test(name) ? matchClosed(plain, ctx.closed) : null;
  const closedOk = closed && (!author || sameOrganisation(ctx, author, closed.model.provider)) ? closed : null;
  steps.push(
    closedOk
      ? `closed catalogue: ${closedOk.model.name} (${closedOk.model.provider}, ${closedOk.rule} ${closedOk.matched})`
      : "closed catalogue: no match",
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
  } else if (closedOk) {
    cls = "closed";
    basis = `closed catalogue: ${closedOk.model.name}`;
  } else {
    cls = rule.class;
    basis = `reviewed rule, ${rule.basis}`;
  }
  steps.push(`class: ${cls} (${basis}; the rule alone says ${rule.class}: ${rule.basis})`);

  const fam = cls === "open" ? matchFamily(ctx.families, hub?.repo ?? null, base) : null;
  steps.push(
    fam
      ? fam.rule === "official"
        ? `family: ${fam.title} (official rule of the family on ${hub?.repo})`
        : `family: ${fam.title} (name only: a name pattern of the family is in ${hub?.repo ?? base})`
      : cls !== "open"
        ? "family: none (not open weights)"
        : `family: none (${hub ? `${hub.repo} is in no family of the registry` : "no Hub repo, and no family name in the id"})`,
  );
  steps.push(
    org
      ? `organisation: ${org.name} (${org.country ?? "country unknown"}) for prefix ${author}`
      : `organisation: prefix ${author ?? "(none)"} not in data/organisations.yaml`,
  );
  let leaderboard: UsageMatch["leaderboard"] = null;
  const lb = ctx.leaderboard;
  if (lb) {
    const byRepo = hub ? lb.byRepo.get(hub.repo.toLowerCase()) : undefined;
    const byName = lb.byKey.get(nameKey(stripDateSuffix(name)));
    // a closed-catalogue line stands for the model only when it decided the class (a prefix match of a line is weak)
    const byClosed = closedOk && cls === "closed" ? lb.byClosed.get(closedOk.model.id) : undefined;
    const hit = byRepo
      ? { e: byRepo, rule: "hub-repo" as const }
      : byName
        ? { e: byName, rule: "name" as const }
        : byClosed
          ? { e: byClosed, rule: "closed-catalogue" as const }
          : null;
    if (hit) {
      leaderboard = {
        board: lb.board,
        date: lb.date,
        model: hit.e.model,
        score: hit.e.score,
        rank: hit.e.rank,
        rule: hit.rule,
      };
      steps.push(
        `leaderboard: ${hit.e.model} on ${lb.board} of ${lb.date} (score ${hit.e.score ?? "–"}, rank ${hit.e.rank ?? "–"}; ${hit.rule === "hub-repo" ? `same Hub repo ${hub?.repo}` : hit.rule === "name" ? "same name without release date" : `same closed-catalogue line ${closedOk?.model.id}, the best entry of it`})`,
      );
    } else steps.push(`leaderboard: no entry of ${lb.board} of ${lb.date} has its Hub repo, name or closed line`);
  }
  return {
    id: plain,
    base,
    author,
    class: cls,
    classBasis: basis,
    ruleClass: rule.class,
    hub,
    family: fam ? { name: fam.family, title: fam.title, rule: fam.rule } : null,
    organisation: org ? { name: org.name, country: org.country } : null,
    closed: closedOk
      ? {
          id: closedOk.model.id,
          name: closedOk.model.name,
          provider: closedOk.model.provider,
          rule: `${closedOk.rule} ${closedOk.matched}`,
        }
      : null,
    leaderboard,
    steps,
  };
}

/** Whether a closed-catalogue provider is the organisation of an OpenRouter prefix. */
function sameOrganisation(ctx: MatchContext, author: string, provider: string): boolean {
  const a = ctx.organisations.find(author);
  const p = ctx.organisations.find(provider);
  return a !== null && a === p ? true : nameKey(author) === nameKey(provider);
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

/** Groups known Hub repo ids by lower-cased author (as the shared matcher's `hubRepos`). */
export function hubIndex(ids: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  for (const id of ids) {
    const { provider } = splitProvider(id);
    if (!provider || provider.includes("/")) continue;
    const k = provider.toLowerCase();
    const set = out.get(k) ?? new Set<string>();
    set.add(id);
    out.set(k, set);
  }
  return new Map([...out].map(([k, v]) => [k, [...v].sort()]));
}
