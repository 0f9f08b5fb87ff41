/**
 * The claims file: statements about adoption to check against the store. Each claim names an entity (a model, an
 * organisation with an optional name match, a family, the whole Hub, an API-only model, or a cost preset), a
 * metric, a date (a day or a month), a comparator and a value, with the claim's own wording.
 */
import { z } from "zod";
import { readDataFile } from "../domain/data-files.js";
import { parseYamlFile } from "../domain/yaml-file.js";

const name = z.string().trim().min(1).max(300);

/** What a claim is about. */
export const EntitySchema = z.union([
  z.strictObject({ model: name }),
  z.strictObject({ org: name, match: z.string().min(1).max(500).optional() }),
  z.strictObject({
    family: name,
    /** Comma-separated base_model relations to follow (default all), as `omo family --relations`. */
    relations: z.string().trim().min(1).optional(),
    /** Which members count: official repos, derivatives, or both (default). */
    scope: z.enum(["official", "derivatives", "total"]).default("total"),
  }),
  z.strictObject({ hub: z.literal(true) }),
  z.strictObject({ closed: name }),
  z.strictObject({ preset: name, option: name }),
  /**
   * Token usage on OpenRouter (`omo usage import`): the share of tokens of a group — a class (open, closed,
   * unknown) or a family, organisation or country with `by` — over a period (default the trailing 7 days).
   */
  z.strictObject({
    tokens: z.literal("openrouter"),
    group: name.default("open"),
    by: z.enum(["class", "family", "org", "country"]).default("class"),
    period: z.enum(["day", "7d", "week", "30d"]).default("7d"),
  }),
  /** A leaderboard (data/leaderboards/boards.yaml), e.g. arena-text: the open-vs-closed figures of its tables. */
  z.strictObject({ leaderboard: name }),
]);

/** The metrics a claim can state. */
export const METRICS = [
  "downloads",
  "downloads-all-time",
  "repos",
  "versions",
  "likes",
  "open-share",
  "cost",
  "token-share",
  "gap",
  "open-share-top-k",
] as const;

/** Comparators: `~` means within `within` percent of the value (default 5). */
export const COMPARATORS = [">", ">=", "<", "<=", "=", "~"] as const;

/** A date `YYYY-MM-DD` or a month `YYYY-MM` (the 30 days ending on its last day). */
const ClaimDate = z
  .union([z.string(), z.date()])
  .transform((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v))
  .refine((s) => /^\d{4}-\d{2}(-\d{2})?$/.test(s), "expected a date YYYY-MM-DD or a month YYYY-MM")
  .refine((s) => {
    const d = s.length === 7 ? `${s}-01` : s;
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, "not a real calendar date");

/** Which metrics each kind of entity has. */
const ALLOWED: Record<string, readonly (typeof METRICS)[number][]> = {
  model: ["downloads", "downloads-all-time", "likes"],
  org: ["downloads", "repos", "versions", "likes"],
  family: ["downloads", "repos", "versions", "open-share"],
  hub: ["downloads", "repos", "open-share"],
  closed: ["downloads", "downloads-all-time", "likes", "repos"],
  preset: ["cost"],
  tokens: ["token-share"],
  leaderboard: ["gap", "open-share-top-k"],
};

/** The kind of an entity (`model`, `org`, `family`, `hub`, `closed`, `preset`). */
export function entityKind(e: z.output<typeof EntitySchema>): keyof typeof ALLOWED {
  return Object.keys(ALLOWED).find((k) => k in e) as keyof typeof ALLOWED;
}

/** One claim. */
export const ClaimSchema = z
  .strictObject({
    id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "expected an id of letters, digits, . _ -"),
    text: z.string().trim().min(1).max(2000),
    source: z.string().trim().max(500).optional(),
    entity: EntitySchema,
    metric: z.enum(METRICS),
    date: ClaimDate,
    /** Days a snapshot may lie from the date (default 3 for a day, 7 for a month's end). */
    tolerance: z.number().int().min(0).max(366).optional(),
    op: z.enum(COMPARATORS),
    value: z.number().finite(),
    /** For `~`: allowed relative difference in percent (default 5). */
    within: z.number().min(0).max(100).default(5),
    /** For open-share-top-k: the k of the top k (default 10). */
    k: z.number().int().min(1).max(100).default(10),
    /** For open-share: the licence classes counted as open (default open-source, open-content). */
    classes: z.array(z.string().min(1)).min(1).default(["open-source", "open-content"]),
  })
  .superRefine((c, ctx) => {
    const kind = entityKind(c.entity);
    if (!(ALLOWED[kind] ?? []).includes(c.metric)) {
      ctx.addIssue({
        code: "custom",
        path: ["metric"],
        message: `metric ${c.metric} is not measured for a ${kind} (use one of ${(ALLOWED[kind] ?? []).join(", ")})`,
      });
    }
  });

/** A parsed claim. */
export type Claim = z.output<typeof ClaimSchema>;

/** The file: `claims:` a list, ids unique. */
export const ClaimsFileSchema = z.strictObject({
  title: z.string().optional(),
  claims: z
    .array(ClaimSchema)
    .min(1)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate claim id ${c.id}` });
        seen.add(c.id);
      });
    }),
});

/** A parsed claims file. */
export type ClaimsFile = z.output<typeof ClaimsFileSchema>;

/** Parses claims from YAML text (errors name file, line and field). */
export function parseClaims(text: string, file: string): ClaimsFile {
  return parseYamlFile(text, file, ClaimsFileSchema);
}

/** Reads and parses a claims file. */
export async function loadClaims(file: string): Promise<ClaimsFile> {
  return parseClaims(await readDataFile(file, "the claims file"), file);
}
