/**
 * Who is open on a leaderboard: the reviewed licence-label table (`data/leaderboards/licences.yaml`), the exceptions
 * (`data/leaderboards/exceptions.yaml`), the leaderboard alias table (`data/leaderboards/aliases.yaml`), the closed
 * catalogue and the licence classes of the Hub, applied to one entry by {@link classifyEntry}.
 *
 * A model is closed when an exception says so, when its licence label says proprietary (any spelling), or when it is
 * in the closed catalogue; it has open weights otherwise, classed with the Hub's licence classes. A label that says
 * nothing (empty, N/A) takes the licence the same model showed on the latest earlier table of the board; without one
 * the model's openness is unknown and it is left out of the comparison.
 */
import path from "node:path";
import { z } from "zod";
import { InputError } from "../errors.js";
import { type ClosedModel, loadClosedModels } from "./closed-models.js";
import { readDataFile } from "./data-files.js";
import { LEADERBOARDS_DIR, YamlDate } from "./leaderboards.js";
import { classOf, type LicenceMap, loadLicences, OPENNESS_CLASSES, type OpennessClass } from "./licences.js";
import { type ClosedMatch, matchClosed, type NameAlias, nameKey } from "./model-names.js";
import { parseYamlFile } from "./yaml-file.js";

export const LABELS_FILE = path.join(LEADERBOARDS_DIR, "licences.yaml");
export const EXCEPTIONS_FILE = path.join(LEADERBOARDS_DIR, "exceptions.yaml");
export const LEADERBOARD_ALIASES_FILE = path.join(LEADERBOARDS_DIR, "aliases.yaml");

// ---------------------------------------------------------------------------------------------------------------
// Licence labels
// ---------------------------------------------------------------------------------------------------------------

const LabelSchema = z
  .strictObject({
    closed: z.literal(true).optional(),
    none: z.literal(true).optional(),
    tag: z.string().min(1).optional(),
    class: z.enum(OPENNESS_CLASSES).optional(),
    note: z.string().min(1).optional(),
  })
  .refine((l) => [l.closed, l.none, l.tag, l.class].filter((x) => x !== undefined).length === 1, {
    message: "give exactly one of closed, none, tag or class",
  });

/** What a licence label means. */
export type LabelMeaning =
  | { kind: "closed"; note: string | null }
  | { kind: "none" }
  | { kind: "open"; class: OpennessClass; tag: string | null; note: string | null };

/** Parses the label table against the licence map (a `tag` must be a tag of data/licences.yaml). */
export function parseLabels(text: string, file: string, licences: LicenceMap): Map<string, LabelMeaning> {
  const parsed = parseYamlFile(text, file, z.strictObject({ labels: z.record(z.string(), LabelSchema) }));
  const out = new Map<string, LabelMeaning>();
  for (const [label, l] of Object.entries(parsed.labels)) {
    const key = nameKey(label);
    if (out.has(key)) throw new InputError("the same label twice (labels compare by nameKey)", { file, field: label });
    if (l.closed) out.set(key, { kind: "closed", note: l.note ?? null });
    else if (l.none) out.set(key, { kind: "none" });
    else if (l.tag !== undefined) {
      if (!licences.licences.has(l.tag.toLowerCase())) {
        throw new InputError(`tag "${l.tag}" is not in data/licences.yaml`, { file, field: `labels.${label}.tag` });
      }
      out.set(key, { kind: "open", class: classOf(licences, l.tag), tag: l.tag.toLowerCase(), note: l.note ?? null });
    } else out.set(key, { kind: "open", class: l.class as OpennessClass, tag: null, note: l.note ?? null });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Exceptions
// ---------------------------------------------------------------------------------------------------------------

const ExceptionSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "expected an id of lower-case letters, digits and -"),
  models: z.array(z.string().min(1)).min(1),
  board: z.string().min(1).optional(),
  from: YamlDate.optional(),
  to: YamlDate.optional(),
  openness: z.enum(["closed", "open", "unknown"]),
  licence: z.string().min(1).optional(),
  scope: z.enum(["all", "catalogue"]).default("all"),
  reason: z.string().min(10),
  source: z.string().min(1),
});

/** One reviewed exception. */
export type LeaderboardException = z.output<typeof ExceptionSchema>;

/** Parses the exceptions file (ids unique). */
export function parseExceptions(text: string, file: string): LeaderboardException[] {
  const list = parseYamlFile(text, file, z.strictObject({ exceptions: z.array(ExceptionSchema) })).exceptions;
  const ids = new Set<string>();
  list.forEach((e, i) => {
    if (ids.has(e.id)) throw new InputError(`duplicate exception id ${e.id}`, { file, field: `exceptions.${i}.id` });
    ids.add(e.id);
  });
  return list;
}

// ---------------------------------------------------------------------------------------------------------------
// Alias table
// ---------------------------------------------------------------------------------------------------------------

const AliasSchema = z.strictObject({
  names: z.array(z.string().min(1)).min(1),
  repo: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/, "expected a Hub repo id author/name")
    .nullable(),
  source: z.string().min(1),
});

/** Parses the leaderboard alias table: leaderboard name (by nameKey) → Hub repo (or null: no public weights). */
export function parseLeaderboardAliases(text: string, file: string): Map<string, NameAlias> {
  const list = parseYamlFile(text, file, z.strictObject({ aliases: z.array(AliasSchema) })).aliases;
  const out = new Map<string, NameAlias>();
  const entryOf = new Map<string, number>();
  list.forEach((a, i) => {
    for (const n of a.names) {
      const key = nameKey(n);
      if ((entryOf.get(key) ?? i) !== i) {
        throw new InputError(`name "${n}" appears twice (names compare by nameKey)`, {
          file,
          field: `aliases.${i}.names`,
        });
      }
      entryOf.set(key, i);
      out.set(key, { repo: a.repo, source: a.source });
    }
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// The rules together
// ---------------------------------------------------------------------------------------------------------------

/** Everything {@link classifyEntry} and the Hub matcher consult. */
export interface LeaderboardRules {
  labels: Map<string, LabelMeaning>;
  exceptions: LeaderboardException[];
  aliases: Map<string, NameAlias>;
  closed: ClosedModel[];
  licences: LicenceMap;
}

/** Loads the reviewed files (each may be replaced by a path, for tests). */
export async function loadLeaderboardRules(
  opts: { labels?: string; exceptions?: string; aliases?: string } = {},
): Promise<LeaderboardRules> {
  const licences = await loadLicences();
  const lf = opts.labels ?? LABELS_FILE;
  const ef = opts.exceptions ?? EXCEPTIONS_FILE;
  const af = opts.aliases ?? LEADERBOARD_ALIASES_FILE;
  return {
    labels: parseLabels(await readDataFile(lf, "the leaderboard licence labels"), lf, licences),
    exceptions: parseExceptions(await readDataFile(ef, "the leaderboard exceptions"), ef),
    aliases: parseLeaderboardAliases(await readDataFile(af, "the leaderboard alias table"), af),
    closed: await loadClosedModels(),
    licences,
  };
}

/** Open, closed, or unknown (left out of the comparison). */
export type Openness = "open" | "closed" | "unknown";

/** How an entry was classified, for tables and `--explain`. */
export interface Classification {
  openness: Openness;
  /** The licence label used: the row's, or one inherited from an earlier table, or an exception's. */
  licence: string | null;
  /** `closed-api` for closed models, the Hub licence class for open ones, null when unknown. */
  licenceClass: OpennessClass | null;
  /** Where the licence came from. */
  licenceFrom: "row" | "inherited" | "none";
  /** The date of the table the licence was inherited from. */
  inheritedFrom: string | null;
  /** The exception applied (its id), if any. */
  exception: string | null;
  /** What the licence label and the catalogue alone would say (differs from `openness` when an exception changed it). */
  byRule: Openness;
  /** The closed-catalogue entry the name matches, if any. */
  catalogue: { id: string; name: string; provider: string; rule: ClosedMatch["rule"] } | null;
  /** One line: why. */
  rule: string;
}

const exceptionKeyCache = new WeakMap<LeaderboardException, Set<string>>();

/** The name keys an exception covers (computed once). */
function exceptionKeys(e: LeaderboardException): Set<string> {
  let keys = exceptionKeyCache.get(e);
  if (!keys) {
    keys = new Set(e.models.map(nameKey));
    exceptionKeyCache.set(e, keys);
  }
  return keys;
}

/**
 * Whether an exception limited to dates (`from` or `to`) names the model of name key `key`: only then does an entry's
 * classification depend on its table's date.
 */
export function hasDatedException(rules: LeaderboardRules, key: string): boolean {
  return rules.exceptions.some((e) => (e.from !== undefined || e.to !== undefined) && exceptionKeys(e).has(key));
}

/** Whether an exception covers an entry of `board` at `date` named `name`. */
function exceptionFor(
  rules: LeaderboardRules,
  board: string,
  date: string,
  name: string,
): LeaderboardException | undefined {
  const key = nameKey(name);
  return rules.exceptions.find(
    (e) =>
      exceptionKeys(e).has(key) &&
      (e.board === undefined || e.board === board) &&
      (e.from === undefined || e.from <= date) &&
      (e.to === undefined || date <= e.to),
  );
}

/** The meaning of a licence label, or null when the table does not know it (an unreviewed label). */
export function labelMeaning(rules: LeaderboardRules, label: string | null): LabelMeaning | null {
  if (label === null || label.trim() === "") return { kind: "none" };
  const known = rules.labels.get(nameKey(label));
  if (known) return known;
  // a Hub licence tag (the Open LLM Leaderboards), read through data/licences.yaml
  const tag = rules.licences.licences.get(label.trim().toLowerCase());
  if (tag) return { kind: "open", class: tag.class, tag: tag.tag, note: null };
  return null;
}

/**
 * Classifies one entry. `inherited` is the licence label the same model showed on the latest earlier table of the
 * board, with its date (used when the row's own label says nothing). `openWeightsOnly`: the board lists Hub repos
 * only (the Open LLM Leaderboards), so the entry is open and only its licence class is looked up.
 */
export function classifyEntry(
  rules: LeaderboardRules,
  e: { board: string; date: string; model: string; license: string | null },
  inherited: { license: string; date: string } | null = null,
  opts: { openWeightsOnly?: boolean } = {},
): Classification {
  const hit = matchClosed(e.model, rules.closed);
  const catalogue = hit
    ? { id: hit.model.id, name: hit.model.name, provider: hit.model.provider, rule: hit.rule }
    : null;
  let meaning = labelMeaning(rules, e.license);
  let licence = e.license;
  let licenceFrom: Classification["licenceFrom"] = meaning?.kind === "none" ? "none" : "row";
  let inheritedFrom: string | null = null;
  if (meaning?.kind === "none" && inherited) {
    meaning = labelMeaning(rules, inherited.license);
    licence = inherited.license;
    licenceFrom = "inherited";
    inheritedFrom = inherited.date;
  }
  const base = { licence, licenceFrom, inheritedFrom, catalogue };
  const labelClosed = meaning?.kind === "closed";
  const plain = ((): Omit<Classification, "byRule"> => {
    if (opts.openWeightsOnly) {
      return {
        ...base,
        catalogue: null,
        openness: "open",
        licenceClass: meaning?.kind === "open" ? meaning.class : "unknown",
        exception: null,
        rule: `listed by a board of Hub repos (open weights); licence ${licence ? `"${licence}"` : "not given"} → ${meaning?.kind === "open" ? meaning.class : "unknown"}`,
      };
    }
    const closed = (rule: string): Omit<Classification, "byRule"> => ({
      ...base,
      openness: "closed",
      licenceClass: "closed-api",
      exception: null,
      rule,
    });
    if (labelClosed) {
      return closed(
        `licence "${licence}" means no public weights${licenceFrom === "inherited" ? ` (from ${inheritedFrom})` : ""}`,
      );
    }
    if (catalogue) return closed(`in data/closed-models.yaml as ${catalogue.id} (${catalogue.rule} match)`);
    if (meaning === null) {
      return {
        ...base,
        openness: "open",
        licenceClass: "unknown",
        exception: null,
        rule: `licence "${licence}" names public weights; the label is not in data/leaderboards/licences.yaml, class unknown`,
      };
    }
    if (meaning.kind === "open") {
      return {
        ...base,
        openness: "open",
        licenceClass: meaning.class,
        exception: null,
        rule: `licence "${licence}"${licenceFrom === "inherited" ? ` (from ${inheritedFrom})` : ""} → ${meaning.class}`,
      };
    }
    return {
      ...base,
      openness: "unknown",
      licenceClass: null,
      exception: null,
      rule: "no licence on this table or an earlier one, and not in the closed catalogue: left out",
    };
  })();
  const ex = exceptionFor(rules, e.board, e.date, e.model);
  if (ex && !(ex.scope === "catalogue" && labelClosed)) {
    const m = ex.licence ? labelMeaning(rules, ex.licence) : meaning;
    return {
      ...base,
      licence: ex.licence ?? licence,
      openness: ex.openness,
      licenceClass:
        ex.openness === "closed" ? "closed-api" : ex.openness === "open" && m?.kind === "open" ? m.class : null,
      exception: ex.id,
      byRule: plain.openness,
      rule: `exception ${ex.id}: ${ex.reason}`,
    };
  }
  return { ...plain, byRule: plain.openness };
}
