/**
 * Version labels of repos: from a family's `versions` pattern, or from a generic rule when there is no family.
 * Pure functions; group-by-version totals for the family and organisation reports.
 */
import { type Family, toJsRegExp } from "./families.js";

/** The label of repos whose name gives no version. */
export const OTHER_VERSION = "other";

const compiled = new WeakMap<Family, RegExp | null>();

/** The family's compiled `versions` pattern (cached per family object), or null when it has none. */
function versionsRegExp(family: Family): RegExp | null {
  let re = compiled.get(family);
  if (re === undefined) {
    re = family.versions === null ? null : toJsRegExp(family.versions, "i");
    compiled.set(family, re);
  }
  return re;
}

/** The repo name: the part after the slash of `author/name`, or the whole string when there is none. */
function nameOf(repo: string): string {
  const slash = repo.indexOf("/");
  return slash < 0 ? repo : repo.slice(slash + 1);
}

/**
 * The version label of a repo in a family.
 *
 * Rule: the family's `versions` regex is searched (case-insensitively, anywhere) in the repo name (the part after
 * `/` if a full id is given); the named groups that captured a non-empty value, taken in the order the groups open
 * in the pattern, are lower-cased and joined with one space. E.g. for Vicuna `vicuna-13b-delta-v1.1` gives
 * `13b delta v1.1` and `vicuna-7b-v1.5-16k` gives `7b v1.5 16k`. Null when the regex does not match or no named
 * group captured anything. A family without a `versions` pattern falls back to {@link genericVersionOf}.
 */
export function versionOf(family: Family, repoName: string): string | null {
  const name = nameOf(repoName);
  const re = versionsRegExp(family);
  if (re === null) return genericVersionOf(name);
  const m = re.exec(name);
  if (!m?.groups) return null;
  const parts = Object.values(m.groups)
    .filter((v): v is string => typeof v === "string" && v.length > 0)
    .map((v) => v.toLowerCase());
  return parts.length ? parts.join(" ") : null;
}

/** Size words of encoders and speech models (whisper-small, t5-large), used when a name has no numeric size. */
const SIZE_WORDS = new Set(["tiny", "mini", "small", "medium", "large", "xl", "xxl"]);

/** Variant words kept in a generic label, in order of appearance. */
const VARIANT_WORDS = new Set([
  "base",
  "chat",
  "instruct",
  "it",
  "hf",
  "gguf",
  "ggml",
  "gptq",
  "awq",
  "exl2",
  "mlx",
  "onnx",
  "bnb",
  "4bit",
  "8bit",
  "int4",
  "int8",
  "fp8",
  "fp16",
  "bf16",
  "delta",
  "code",
  "coder",
  "math",
  "vision",
  "vl",
  "sft",
  "dpo",
  "rlhf",
  "uncased",
  "cased",
  "turbo",
  "lite",
  "moe",
]);

const SIZE = /^(?:\d+x)?\d+(?:\.\d+)?[bmt]$/;
const CONTEXT = /^\d+k$/;
const VERSION_V = /^v\d+(?:\.\d+)*$/;
const VERSION_DOTTED = /^\d+(?:\.\d+)+$/;
const VERSION_SMALL = /^\d{1,2}$/;
const VERSION_YYMM = /^2[2-9](?:0[1-9]|1[0-2])$/;
const VERSION_GLUED = /^[a-z]{2,}(\d+(?:\.\d+)*)$/;

/**
 * A version label for a repo of an organisation with no family, from the name alone (the part after `/`).
 *
 * Rule: lower-case the name, read `1_5` between digits as `1.5`, split on `-`, `_` and spaces, then take
 * - size: the first token like `7b`, `1.5b`, `8x7b`, `560m`, `1t`; else the first size word (`tiny`, `mini`,
 *   `small`, `medium`, `large`, `xl`, `xxl`);
 * - version: the first token like `v0.1` / `v3`, a dotted number `3.1`, a one- or two-digit number `2`, a
 *   year-month `2407`; else a number glued to the first word (`qwen2` → `2`, `qwen1.5` → `1.5`);
 * - variants: every token that is a known variant word (`chat`, `instruct`, `it`, `base`, `hf`, `gguf`, `awq`,
 *   `gptq`, `onnx`, `4bit`, `uncased`…) or a context length (`16k`), in order, without repeats;
 *
 * and join `size version variants…` with one space. Null when none of them is found.
 * E.g. `Mistral-7B-Instruct-v0.2` → `7b v0.2 instruct`; `Qwen2-7B-Instruct` → `7b 2 instruct`;
 * `Llama-2-7b-chat-hf` → `7b 2 chat hf`; `whisper-large-v3` → `large v3`.
 */
export function genericVersionOf(repoName: string): string | null {
  const { size, version, variants } = genericParts(repoName);
  const parts = [size, version, ...variants].filter((p): p is string => p !== null);
  return parts.length ? parts.join(" ") : null;
}

/** The size, version and variant words {@link genericVersionOf} reads in a repo name. */
function genericParts(repoName: string): { size: string | null; version: string | null; variants: string[] } {
  const name = nameOf(repoName)
    .toLowerCase()
    .replace(/(\d)_(\d)/g, "$1.$2");
  const tokens = name.split(/[-_\s]+/).filter(Boolean);
  let size: string | null = tokens.find((t) => SIZE.test(t)) ?? null;
  if (size === null) size = tokens.find((t) => SIZE_WORDS.has(t)) ?? null;
  let version: string | null =
    tokens.find(
      (t) =>
        t !== size && (VERSION_V.test(t) || VERSION_DOTTED.test(t) || VERSION_SMALL.test(t) || VERSION_YYMM.test(t)),
    ) ?? null;
  if (version === null && tokens[0] !== undefined) version = VERSION_GLUED.exec(tokens[0])?.[1] ?? null;
  const variants: string[] = [];
  for (const t of tokens) {
    if ((VARIANT_WORDS.has(t) || CONTEXT.test(t)) && t !== size && !variants.includes(t)) variants.push(t);
  }
  return { size, version, variants };
}

/**
 * The release a repo belongs to — what "how many versions" counts, not how many repos: the `version` group of the
 * family's pattern (`vicuna-7b-v1.5-16k` → `v1.5`; sizes, contexts and formats of one release are one version);
 * for a family whose pattern has no `version` group, the family itself is one release (its title); without a
 * family, the version word of the generic rule (`fastchat-t5-3b-v1.0` → `fastchat v1.0`). Null when the name gives
 * none.
 */
export function releaseOf(family: Family | null, repoName: string): string | null {
  const name = nameOf(repoName);
  if (family === null || family.versions === null) {
    if (family) return genericParts(name).version ? `${family.title} ${genericParts(name).version}` : family.title;
    const v = genericParts(name).version;
    return v ? `${name.toLowerCase().split(/[-_ ]/)[0]} ${v}` : null;
  }
  const re = versionsRegExp(family);
  if (!re || !scanVersionGroup(family)) return family.title;
  const v = re.exec(name)?.groups?.version?.toLowerCase();
  if (!v) return null;
  // a title that ends with the release line's number ("Llama 3") takes the point release in its place ("Llama 3.1")
  const line = /^(.*\S)\s+(\d+)$/.exec(family.title);
  if (line && (v === line[2] || v.startsWith(`${line[2]}.`))) return `${line[1]} ${v}`;
  return `${family.title} ${v}`;
}

const hasVersionGroup = new WeakMap<Family, boolean>();

/** Whether the family's `versions` pattern names a `version` group. */
function scanVersionGroup(family: Family): boolean {
  let has = hasVersionGroup.get(family);
  if (has === undefined) {
    has = family.versions !== null && /\(\?P?<version>/.test(family.versions);
    hasVersionGroup.set(family, has);
  }
  return has;
}

/** One version of a family (or organisation) with its totals (a type alias, so it is a `Record<string, unknown>`). */
export type VersionGroup = {
  /** The label (see {@link versionOf}), or `other`. */
  version: string;
  /** Number of repos with this label. */
  repos: number;
  /** Sum of their downloads (null counts as 0). */
  downloads: number;
  /** `downloads` over the total of all rows, 0..1; 0 for every group when the total is 0. */
  share: number;
  /** The repo ids, by downloads descending (ties by id). */
  ids: string[];
  /**
   * True when the Hub most likely does not count this group's downloads: every repo shows 0 and has no library
   * (original-format weights without the files the Hub counts, e.g. meta-llama/Llama-2-7b). Surfaces write "not
   * counted by the Hub" rather than 0 %. False when the rows did not say their library.
   */
  uncounted: boolean;
};

/**
 * Groups repos by version label: {@link versionOf} with the family, {@link genericVersionOf} when `family` is
 * null, or a labelling function of the id; repos with no label go to `other`. Sorted by downloads descending
 * (ties: more repos first, then label).
 */
export function groupVersions(
  rows: ReadonlyArray<{ id: string; downloads: number | null; library?: string | null }>,
  family: Family | null | ((id: string) => string | null),
): VersionGroup[] {
  const groups = new Map<
    string,
    { downloads: number; noLibrary: boolean; rows: Array<{ id: string; downloads: number }> }
  >();
  let total = 0;
  for (const row of rows) {
    const label =
      (typeof family === "function" ? family(row.id) : family ? versionOf(family, row.id) : genericVersionOf(row.id)) ??
      OTHER_VERSION;
    const downloads = row.downloads ?? 0;
    total += downloads;
    let g = groups.get(label);
    if (!g) {
      g = { downloads: 0, noLibrary: true, rows: [] };
      groups.set(label, g);
    }
    g.downloads += downloads;
    if (row.library !== null) g.noLibrary = false;
    g.rows.push({ id: row.id, downloads });
  }
  const out: VersionGroup[] = [...groups].map(([version, g]) => ({
    version,
    repos: g.rows.length,
    downloads: g.downloads,
    share: total > 0 ? g.downloads / total : 0,
    uncounted: g.downloads === 0 && g.noLibrary,
    ids: g.rows.sort((a, b) => b.downloads - a.downloads || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((r) => r.id),
  }));
  return out.sort(
    (a, b) =>
      b.downloads - a.downloads || b.repos - a.repos || (a.version < b.version ? -1 : a.version > b.version ? 1 : 0),
  );
}
