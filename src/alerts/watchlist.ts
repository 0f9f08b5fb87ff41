/**
 * A watchlist file (YAML): rules that say when someone following a model, a family or an organisation wants to be
 * told. Three kinds:
 * - a threshold: `family: llama-2, metric: downloads, above: 5000000` (or `below:`), also for `model:` and `org:`;
 * - a change against the previous snapshot: `model: ID, change: "-30%"` (`+20%`, or `30%` either way);
 * - new derivatives: `new-derivatives-of: ID` (direct children first seen after the previous snapshot).
 * Everything is computed from the stored snapshots; a watchlist keeps no state of its own.
 */
import { z } from "zod";
import { readDataFile } from "../domain/data-files.js";
import { parseYamlFile } from "../domain/yaml-file.js";

const name = z.string().trim().min(1).max(300);

/** A model id `author/name`. */
const modelId = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/, "expected a model id author/name");

/** A change such as `-30%`, `+20 %` or `30%` (either way). */
const Change = z
  .union([z.string(), z.number()])
  .transform((v) => String(v).replace(/\s+/g, ""))
  .refine((s) => /^[+-]?\d+(\.\d+)?%$/.test(s), "expected a change in percent such as -30%, +20% or 30%")
  .transform((s) => {
    const sign = s.startsWith("-") ? "down" : s.startsWith("+") ? "up" : "either";
    return { text: s, direction: sign as "up" | "down" | "either", percent: Math.abs(Number.parseFloat(s)) };
  });

/** What a rule measures. */
export const ALERT_METRICS = ["downloads", "repos", "likes"] as const;

/** Which metrics each entity has. */
const ALLOWED: Record<"model" | "family" | "org", readonly string[]> = {
  model: ["downloads", "likes"],
  family: ["downloads", "repos"],
  org: ["downloads", "repos", "likes"],
};

/** One rule as written. */
export const RuleSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/, "expected an id of letters, digits, . _ -")
      .optional(),
    model: modelId.optional(),
    family: name.optional(),
    org: name.optional(),
    "new-derivatives-of": modelId.optional(),
    metric: z.enum(ALERT_METRICS).default("downloads"),
    /** For a family: which members count (default both). */
    scope: z.enum(["official", "derivatives", "total"]).default("total"),
    above: z.number().finite().nonnegative().optional(),
    below: z.number().finite().nonnegative().optional(),
    change: Change.optional(),
  })
  .superRefine((r, ctx) => {
    const subjects = (["model", "family", "org", "new-derivatives-of"] as const).filter((k) => r[k] !== undefined);
    if (subjects.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: subjects.length > 1 ? [subjects[1] as string] : [],
        message: "a rule names exactly one of model, family, org, new-derivatives-of",
      });
      return;
    }
    const conditions = (["above", "below", "change"] as const).filter((k) => r[k] !== undefined);
    if (subjects[0] === "new-derivatives-of") {
      if (conditions.length > 0) {
        ctx.addIssue({
          code: "custom",
          path: [conditions[0] as string],
          message: "new-derivatives-of takes no above, below or change: it fires when a derivative appears",
        });
      }
      return;
    }
    if (conditions.length !== 1) {
      ctx.addIssue({
        code: "custom",
        path: conditions.length > 1 ? [conditions[1] as string] : [],
        message: "a rule takes exactly one of above, below, change",
      });
    }
    const kind = subjects[0] as "model" | "family" | "org";
    if (!ALLOWED[kind].includes(r.metric)) {
      ctx.addIssue({
        code: "custom",
        path: ["metric"],
        message: `metric ${r.metric} is not measured for a ${kind} (use one of ${ALLOWED[kind].join(", ")})`,
      });
    }
  });

/** A rule as written (validated). */
export type RuleInput = z.output<typeof RuleSchema>;

/** The file: an optional name and title (the feed's), and the rules; ids unique. */
export const WatchlistSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/, "expected a name of lower-case letters, digits and -")
    .optional(),
  title: z.string().trim().min(1).max(300).optional(),
  rules: z
    .array(RuleSchema)
    .min(1)
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((r, i) => {
        if (r.id === undefined) return;
        if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: [i, "id"], message: `duplicate rule id ${r.id}` });
        seen.add(r.id);
      });
    }),
});

/** A rule ready to evaluate: its id (given, or `rule-N`), its subject and its condition. */
export type Rule =
  | {
      id: string;
      kind: "threshold" | "change";
      entity: { kind: "model" | "family" | "org"; id: string };
      metric: (typeof ALERT_METRICS)[number];
      scope: "official" | "derivatives" | "total";
      above?: number;
      below?: number;
      change?: { text: string; direction: "up" | "down" | "either"; percent: number };
    }
  | { id: string; kind: "new-derivatives"; entity: { kind: "model"; id: string } };

/** A loaded watchlist. */
export interface Watchlist {
  /** The feed name (`name:`, else the file name without extension). */
  name: string;
  title: string;
  file: string;
  rules: Rule[];
}

/** Turns a validated rule into the form the check evaluates. */
function toRule(r: RuleInput, i: number): Rule {
  const id = r.id ?? `rule-${i + 1}`;
  if (r["new-derivatives-of"])
    return { id, kind: "new-derivatives", entity: { kind: "model", id: r["new-derivatives-of"] } };
  const kind = r.model !== undefined ? "model" : r.family !== undefined ? "family" : "org";
  const entity = { kind, id: (r.model ?? r.family ?? r.org) as string } as const;
  return {
    id,
    kind: r.change ? "change" : "threshold",
    entity,
    metric: r.metric,
    scope: r.scope,
    ...(r.above !== undefined ? { above: r.above } : {}),
    ...(r.below !== undefined ? { below: r.below } : {}),
    ...(r.change ? { change: r.change } : {}),
  };
}

/** The name of a watchlist file without folder and extension, as a feed name. */
function baseName(file: string): string {
  const b = file.replace(/^.*[/\\]/, "").replace(/\.ya?ml$/i, "");
  return (
    b
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, "-")
      .replace(/^-+|-+$/g, "") || "watchlist"
  );
}

/**
 * Parses a watchlist from YAML text (errors name the file, the line and the field). With `families` (the registry's
 * names), a rule naming another family is an error listing the valid names.
 */
export function parseWatchlist(text: string, file: string, families?: readonly string[]): Watchlist {
  const schema = families
    ? WatchlistSchema.superRefine((w, ctx) => {
        w.rules.forEach((r, i) => {
          if (r.family !== undefined && !families.includes(r.family.toLowerCase())) {
            ctx.addIssue({
              code: "custom",
              path: ["rules", i, "family"],
              message: `unknown family "${r.family}"; known families: ${families.join(", ")}`,
            });
          }
        });
      })
    : WatchlistSchema;
  const w = parseYamlFile(text, file, schema);
  const name = w.name ?? baseName(file);
  return { name, title: w.title ?? name, file, rules: w.rules.map(toRule) };
}

/** Reads and parses a watchlist file (family names checked against `families` when given). */
export async function loadWatchlist(file: string, families?: readonly string[]): Promise<Watchlist> {
  return parseWatchlist(await readDataFile(file, "the watchlist file"), file, families);
}

/** The rule in words, e.g. `family llama-2 downloads above 5,000,000`. */
export function describeRule(r: Rule): string {
  const n = (x: number) => x.toLocaleString("en-US");
  if (r.kind === "new-derivatives") return `new derivatives of ${r.entity.id}`;
  const who = `${r.entity.kind} ${r.entity.id}${r.entity.kind === "family" && r.scope !== "total" ? ` (${r.scope})` : ""}`;
  if (r.kind === "change") {
    const how = r.change?.direction === "either" ? `changes by ${r.change.percent}%` : `changes by ${r.change?.text}`;
    return `${who} ${r.metric} ${how} or more`;
  }
  return r.above !== undefined
    ? `${who} ${r.metric} above ${n(r.above)}`
    : `${who} ${r.metric} below ${n(r.below ?? 0)}`;
}
