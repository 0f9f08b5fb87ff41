/**
 * The one model-name normaliser and matcher of omo. Leaderboard names (LMArena, the Open LLM Leaderboard), OpenRouter
 * ids and price-table keys are compared here with Hub repo ids, the family registry and the closed-model catalogue
 * (`data/closed-models.yaml`, `id` + `aliases`). Pure functions: the reviewed tables (organisations, alias tables,
 * the catalogue, the families) are loaded elsewhere and passed in, so the same rule gives the same answer on every
 * surface and in both stores.
 *
 * Every match says which rule made it (`rule`) and on what evidence, so `--explain` can show it and the unmatched can
 * be listed apart from the matched.
 */
import { type Family, isOfficial, toJsRegExp } from "./families.js";

/**
 * A Hub repo id `author/name`: letters, digits, `.`, `_`, `-`, exactly one slash; the namespace starts with a letter
 * or digit, the name may not (the Hub has repos such as `LeroyDyer/_Spydaz_Web_AI_12`).
 */
export const HUB_REPO_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9._-]+$/;

/**
 * The comparison key of a name: Unicode-normalised, lower-cased, every run of characters other than letters and
 * digits turned into one `-`, no leading or trailing `-`. `Claude 3.5 Sonnet (20240620)` and
 * `claude-3-5-sonnet-20240620` have the same key; so have `Llama-3_1-Nemotron-51B-Instruct` and
 * `llama-3.1-nemotron-51b-instruct`, `Z.ai` and `z-ai`. A `+` reads as `plus` (`Command R+` is `command-r-plus`, not
 * `command-r`).
 */
export function nameKey(name: string): string {
  const hit = keyMemo.get(name);
  if (hit !== undefined) return hit;
  if (keyMemo.size >= 200_000) keyMemo.clear();
  const key = computeKey(name);
  keyMemo.set(name, key);
  return key;
}

/** Names repeat across thousands of leaderboard rows: their keys are remembered (bounded). */
const keyMemo = new Map<string, string>();

function computeKey(name: string): string {
  return name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\+/g, "-plus-")
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}

/**
 * An id split at its last `/`: `openai/gpt-4o` → provider `openai`, model `gpt-4o`;
 * `together_ai/meta-llama/Llama-3-70b-chat-hf` → provider `together_ai/meta-llama`, model `Llama-3-70b-chat-hf`;
 * `gpt-4` → provider null.
 */
export function splitProvider(id: string): { provider: string | null; model: string } {
  const s = id.trim();
  const slash = s.lastIndexOf("/");
  return slash < 0 ? { provider: null, model: s } : { provider: s.slice(0, slash), model: s.slice(slash + 1) };
}

/** Path segments of huggingface.co that are not model namespaces. */
const HUB_NON_MODEL = new Set([
  "spaces",
  "datasets",
  "docs",
  "blog",
  "papers",
  "collections",
  "organizations",
  "models",
  "settings",
  "join",
  "login",
  "learn",
  "posts",
  "chat",
]);

/**
 * The Hub model repo a URL names (`https://huggingface.co/author/name[/tree/main…]` → `author/name`), or null for a
 * URL elsewhere, a Space, a dataset, a blog post or an organisation page.
 */
export function hubRepoFromUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  const host = u.hostname.toLowerCase();
  if (host !== "huggingface.co" && host !== "www.huggingface.co" && host !== "hf.co") return null;
  const parts = u.pathname.split("/").filter(Boolean);
  if (parts.length < 2) return null;
  const [author, name] = parts as [string, string];
  if (HUB_NON_MODEL.has(author.toLowerCase())) return null;
  const id = `${author}/${name}`;
  return HUB_REPO_ID.test(id) ? id : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Organisations
// ---------------------------------------------------------------------------------------------------------------

/** An organisation of `data/organisations.yaml`. */
export interface OrganisationRef {
  name: string;
  /** ISO 3166-1 alpha-2 country of the headquarters; null when the file establishes none. */
  country: string | null;
  /** Every spelling, as written in the file (the name included). */
  aliases: readonly string[];
}

/** Looks organisations up by any spelling (LMArena `organization`, Hub author, OpenRouter prefix). */
export class OrganisationIndex {
  private readonly byKey = new Map<string, OrganisationRef>();

  constructor(readonly organisations: readonly OrganisationRef[]) {
    for (const o of organisations) {
      for (const a of [o.name, ...o.aliases]) this.byKey.set(nameKey(a), o);
    }
  }

  /** The organisation a spelling names (case and punctuation ignored), or null. */
  find(spelling: string | null | undefined): OrganisationRef | null {
    if (!spelling) return null;
    return this.byKey.get(nameKey(spelling)) ?? null;
  }

  /** The organisation of a Hub repo id, by its author. */
  ofRepo(repo: string): OrganisationRef | null {
    const slash = repo.indexOf("/");
    return slash > 0 ? this.find(repo.slice(0, slash)) : null;
  }

  /** The spellings of an organisation that can be Hub namespaces (no spaces), lower-cased, distinct. */
  hubAuthors(org: OrganisationRef): string[] {
    const out = new Set<string>();
    for (const a of [lower(org.name), ...org.aliases.map(lower)]) if (/^[a-z0-9][a-z0-9._-]*$/.test(a)) out.add(a);
    return [...out];
  }
}

function lower(s: string): string {
  return s.trim().toLowerCase();
}

// ---------------------------------------------------------------------------------------------------------------
// Hub repos
// ---------------------------------------------------------------------------------------------------------------

/** How a name was linked to a Hub repo. */
export type HubMatchRule = "repo-id" | "url" | "alias" | "same-name-url" | "name";

/** A name linked to a Hub repo, with the rule and its evidence (for `--explain`). */
export interface HubMatch {
  repo: string;
  rule: HubMatchRule;
  evidence: string;
}

/** A reviewed alias: the repo of a leaderboard name, or null when the name has no public weights on the Hub. */
export interface NameAlias {
  repo: string | null;
  source: string;
}

/** What the Hub matcher consults besides the entry itself. */
export interface HubMatchTables {
  /** The reviewed alias table, keyed by {@link nameKey} of the name. */
  aliases: ReadonlyMap<string, NameAlias>;
  /** Repos named by the URL of another entry with the same key: key → repo and where it was seen. */
  urlRepos: ReadonlyMap<string, { repo: string; seen: string }>;
  /** Known Hub repo ids by lower-cased author (the store's repos of the organisations' namespaces, and others). */
  hubRepos: ReadonlyMap<string, readonly string[]>;
  organisations: OrganisationIndex;
}

/** An entry to link: its name, its URL and its organisation as the source wrote them. */
export interface NamedEntry {
  name: string;
  url?: string | null;
  organisation?: string | null;
  /**
   * Hub namespaces the entry itself names, looked in besides the organisation's (an OpenRouter prefix such as
   * `sentence-transformers` or `gryphe` is usually the Hub author, whether or not the organisation table lists it).
   */
  namespaces?: readonly string[] | null;
}

/** The outcome of {@link matchHubRepo}: a match, or why there is none. */
export type HubMatchResult = HubMatch | { repo: null; reason: string };

/**
 * Links a name to a Hub repo, trying in order:
 * 1. `repo-id`: the name is itself a repo id (the Open LLM Leaderboard lists repos);
 * 2. `url`: the entry's URL names a huggingface.co model repo;
 * 3. `alias`: the reviewed alias table (which may also say "no public weights");
 * 4. `same-name-url`: another entry with the same key carries a Hub URL;
 * 5. `name`: the normalised-name rule: a known repo of one of the organisation's Hub namespaces whose name has the
 *    same key, or the same key once the organisation's name is put before or taken off it (`Llama-3-8B-Instruct` ~
 *    `meta-llama/Meta-Llama-3-8B-Instruct`), or the key plus `-hf` (`Llama-2-7b-chat` ~ `Llama-2-7b-chat-hf`).
 */
export function matchHubRepo(entry: NamedEntry, t: HubMatchTables): HubMatchResult {
  const name = entry.name.trim();
  if (HUB_REPO_ID.test(name)) return { repo: name, rule: "repo-id", evidence: "the name is a Hub repo id" };
  const fromUrl = hubRepoFromUrl(entry.url);
  if (fromUrl) return { repo: fromUrl, rule: "url", evidence: `URL ${entry.url}` };
  const key = nameKey(name);
  const alias = t.aliases.get(key);
  if (alias) {
    if (alias.repo === null) return { repo: null, reason: `reviewed: no public weights on the Hub (${alias.source})` };
    return { repo: alias.repo, rule: "alias", evidence: `alias table (${alias.source})` };
  }
  const seen = t.urlRepos.get(key);
  if (seen) return { repo: seen.repo, rule: "same-name-url", evidence: `Hub URL of the same name on ${seen.seen}` };
  const org = t.organisations.find(entry.organisation);
  const own = (entry.namespaces ?? []).map(lower).filter((a) => /^[a-z0-9][a-z0-9._-]*$/.test(a));
  if (!org && own.length === 0) {
    return {
      repo: null,
      reason: entry.organisation
        ? `organisation "${entry.organisation}" is not in data/organisations.yaml, so its Hub namespaces are unknown`
        : "no URL, no alias, and no organisation to look for Hub namespaces",
    };
  }
  const orgKeys = org ? [org.name, ...org.aliases].map(nameKey) : [];
  const authors = [...new Set([...(org ? t.organisations.hubAuthors(org) : []), ...own])];
  for (const author of authors) {
    for (const repo of t.hubRepos.get(author) ?? []) {
      const repoKey = nameKey(repo.slice(repo.indexOf("/") + 1));
      const how =
        repoKey === key
          ? "same normalised name"
          : repoKey === `${key}-hf`
            ? "same normalised name plus -hf"
            : orgKeys.some((p) => repoKey === `${p}-${key}`)
              ? "same name after the organisation's name"
              : orgKeys.some((p) => key === `${p}-${repoKey}`)
                ? "same name without the organisation's name"
                : null;
      if (how) {
        return {
          repo,
          rule: "name",
          evidence: `${how} as ${repo} (namespace ${author}${org ? ` of ${org.name}` : ""})`,
        };
      }
    }
  }
  return {
    repo: null,
    reason: `no repo of ${org ? `${org.name}'s Hub namespaces` : "the Hub namespaces"} (${authors.join(", ") || "none"}) has the normalised name "${key}"`,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Families
// ---------------------------------------------------------------------------------------------------------------

/** A family a repo or name belongs to: `official` by the family's rules on the repo, else `name` (name-only). */
export interface FamilyMatch {
  family: string;
  title: string;
  rule: "official" | "name";
}

/**
 * The family of a Hub repo (official by the registry's rules), else the first family whose `names` patterns are found
 * in the repo id or, without a repo, in the name — a name-only match, reported as such.
 */
export function matchFamily(families: readonly Family[], repo: string | null, name: string): FamilyMatch | null {
  if (repo) {
    const f = families.find((x) => isOfficial(x, repo));
    if (f) return { family: f.name, title: f.title, rule: "official" };
  }
  const subject = (repo ?? name).toLowerCase();
  const f = families.find((x) => x.names.some((p) => toJsRegExp(p).test(subject)));
  return f ? { family: f.name, title: f.title, rule: "name" } : null;
}

// ---------------------------------------------------------------------------------------------------------------
// The closed catalogue
// ---------------------------------------------------------------------------------------------------------------

/** What the matcher needs of a closed-catalogue entry. */
export interface ClosedLike {
  id: string;
  name: string;
  provider: string;
  aliases?: readonly string[];
}

/** A name found in the closed catalogue: exactly by id, alias or display name, or by an id prefix. */
export interface ClosedMatch<T extends ClosedLike = ClosedLike> {
  model: T;
  rule: "id" | "alias" | "name" | "prefix";
  /** The id or alias that matched. */
  matched: string;
}

/**
 * Whether `rest` (what follows a catalogue id in a name) is a variant or dated snapshot of that model rather than
 * another version: its first part is not a short number (`gpt-4` + `0613`, `-opus-20240229`, `-preview` are variants;
 * `gpt-4` + `1` is GPT-4.1, `claude-3` + `5-sonnet` is Claude 3.5).
 */
function variantSuffix(rest: string): boolean {
  const first = rest.split("-")[0] ?? "";
  return first !== "" && (!/^\d+$/.test(first) || first.length >= 4);
}

/**
 * Whether the key `key` names a variant or dated snapshot of the model keyed `base` (`gpt-4o-2024-05-13` of
 * `gpt-4o`, `claude-3-opus-20240229` of `claude-3`), not another version (`gpt-4-1` is not a variant of `gpt-4`).
 */
export function isVariantKey(key: string, base: string): boolean {
  return base !== "" && key.startsWith(`${base}-`) && variantSuffix(key.slice(base.length + 1));
}

/**
 * Finds a name (`GPT-4o-2024-05-13`, `openai/gpt-4o`, `Claude 3.5 Sonnet (20240620)`) in the closed catalogue: the
 * provider prefix is dropped, then the key is compared with each entry's id, aliases and display name; failing that,
 * the longest id or alias the key starts with, when the rest is a variant or a dated snapshot ({@link variantSuffix}).
 */
export function matchClosed<T extends ClosedLike>(name: string, catalogue: readonly T[]): ClosedMatch<T> | null {
  // the same names come back on every table of a board: each looked up once per catalogue array
  let found = matchCache.get(catalogue);
  if (!found) {
    found = new Map();
    matchCache.set(catalogue, found);
  }
  const kept = found.get(name);
  if (kept !== undefined) return kept as ClosedMatch<T> | null;
  const hit = lookUpClosed(name, catalogue);
  // a server keeps its catalogue for its life and `/api/usage/explain?id=` brings any text here: beyond the bound the
  // kept matches start over
  if (found.size >= MAX_KEPT_MATCHES) found.clear();
  found.set(name, hit);
  return hit;
}

/** The matches found so far, per catalogue array (the arrays are never changed, as {@link closedKeys} assumes). */
const matchCache = new WeakMap<readonly ClosedLike[], Map<string, ClosedMatch<ClosedLike> | null>>();

/** The most names kept per catalogue array (the leaderboard files of ../shared name 11,643 models in all). */
export const MAX_KEPT_MATCHES = 20_000;

function lookUpClosed<T extends ClosedLike>(name: string, catalogue: readonly T[]): ClosedMatch<T> | null {
  const key = nameKey(splitProvider(name).model);
  if (!key) return null;
  const keyed = closedKeys(catalogue);
  for (const c of keyed) {
    if (c.idKey === key) return { model: c.model, rule: "id", matched: c.model.id };
    const a = c.aliases.find((x) => x.key === key);
    if (a !== undefined) return { model: c.model, rule: "alias", matched: a.spelled };
  }
  for (const c of keyed) if (c.nameKey === key) return { model: c.model, rule: "name", matched: c.model.name };
  let best: ClosedMatch<T> | null = null;
  let bestLength = 0;
  for (const c of keyed) {
    for (const { key: k, spelled } of [{ key: c.idKey, spelled: c.model.id }, ...c.aliases]) {
      if (k.length > bestLength && isVariantKey(key, k)) {
        best = { model: c.model, rule: "prefix", matched: spelled };
        bestLength = k.length;
      }
    }
  }
  return best;
}

/** The keys of a catalogue's ids, aliases and names, computed once per catalogue array. */
interface KeyedClosed<T> {
  model: T;
  idKey: string;
  nameKey: string;
  aliases: Array<{ key: string; spelled: string }>;
}
const keyCache = new WeakMap<readonly ClosedLike[], KeyedClosed<ClosedLike>[]>();

function closedKeys<T extends ClosedLike>(catalogue: readonly T[]): KeyedClosed<T>[] {
  let keyed = keyCache.get(catalogue);
  if (!keyed) {
    keyed = catalogue.map((m) => ({
      model: m,
      idKey: nameKey(m.id),
      nameKey: nameKey(m.name),
      aliases: (m.aliases ?? []).map((a) => ({ key: nameKey(splitProvider(a).model), spelled: a })),
    }));
    keyCache.set(catalogue, keyed);
  }
  return keyed as KeyedClosed<T>[];
}

// ---------------------------------------------------------------------------------------------------------------
// OpenRouter ids (usage, issue 17)
// ---------------------------------------------------------------------------------------------------------------

/** A trailing release date: `-20260731` or `-2024-07-18` (a real date only; `-2512` or `-0731` are versions). */
const DATE_SUFFIX = /-(20\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])$/;

/** A name without a trailing release date (`deepseek-v4-flash-20260731` → `deepseek-v4-flash`). */
export function stripDateSuffix(name: string): string {
  return name.replace(DATE_SUFFIX, "");
}

/** An OpenRouter id without its `:variant` (`:free`, `:beta`, `:thinking`). */
export function stripVariant(id: string): string {
  return id.replace(/:[a-z][a-z0-9-]*$/, "");
}

/**
 * The base of an OpenRouter id: variant and release date removed, lower-cased
 * (`deepseek/deepseek-v4-flash-20260731:free` → `deepseek/deepseek-v4-flash`): the permaslugs of one model share it.
 */
export function baseModelId(id: string): string {
  const { provider, model } = splitProvider(stripVariant(id));
  const base = stripDateSuffix(model).toLowerCase();
  return provider ? `${provider.toLowerCase()}/${base}` : base;
}
