/**
 * The reviewed open/closed rule for OpenRouter ids (data/usage/openrouter-classes.yaml): an author default plus model
 * exceptions. It decides a model's class only when no stronger evidence exists (src/domain/usage-match.ts).
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readDataFile } from "./data-files.js";
import { splitProvider, stripVariant } from "./model-names.js";
import { parseYamlFile } from "./yaml-file.js";

/** The shipped rule. */
export const USAGE_CLASSES_FILE = fileURLToPath(new URL("../../data/usage/openrouter-classes.yaml", import.meta.url));

/** The classes a model's tokens fall in: weights published, API only, or not known (stealth models, routers). */
export const TOKEN_CLASSES = ["open", "closed", "unknown"] as const;
/** A token class. */
export type TokenClass = (typeof TOKEN_CLASSES)[number];

const Class = z.enum(TOKEN_CLASSES);
const Author = z.string().trim().min(1).toLowerCase();

const RuleFileSchema = z.strictObject({
  source: z.string().min(1),
  as_of: z.preprocess((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v), z.string()),
  authors: z.strictObject({ open: z.array(Author), closed: z.array(Author), unknown: z.array(Author) }),
  exceptions: z.array(
    z.strictObject({
      author: Author,
      match: z.string().min(1),
      class: Class,
      note: z.string().optional(),
    }),
  ),
});

/** A parsed rule. */
export interface ClassRule {
  source: string;
  asOf: string;
  authors: Map<string, TokenClass>;
  exceptions: Array<{ author: string; match: RegExp; pattern: string; class: TokenClass; note: string | null }>;
}

/** Parses the rule file; a bad pattern or an author listed under two classes names the field. */
export function parseClassRule(text: string, file: string): ClassRule {
  const doc = parseYamlFile(text, file, RuleFileSchema);
  const authors = new Map<string, TokenClass>();
  for (const c of TOKEN_CLASSES) {
    doc.authors[c].forEach((a, i) => {
      const prior = authors.get(a);
      if (prior && prior !== c) {
        throw new InputError(`author ${a} is listed as ${prior} and as ${c}`, { file, field: `authors.${c}.${i}` });
      }
      authors.set(a, c);
    });
  }
  const exceptions = doc.exceptions.map((e, i) => {
    let match: RegExp;
    try {
      match = new RegExp(e.match, "i");
    } catch (err) {
      throw new InputError(`invalid regular expression: ${(err as Error).message}`, {
        file,
        field: `exceptions.${i}.match`,
      });
    }
    return { author: e.author, match, pattern: e.match, class: e.class, note: e.note ?? null };
  });
  return { source: doc.source, asOf: doc.as_of, authors, exceptions };
}

/** Loads the shipped rule (or `opts.path`). */
export async function loadClassRule(opts: { path?: string } = {}): Promise<ClassRule> {
  const file = opts.path ?? USAGE_CLASSES_FILE;
  return parseClassRule(await readDataFile(file, "the OpenRouter class rule"), file);
}

/** The class the rule gives an id, and why. */
export function ruleClass(rule: ClassRule, id: string): { class: TokenClass; basis: string } {
  const { provider: author, model: name } = splitProvider(stripVariant(id));
  if (!author) {
    if (/^text-embedding-/i.test(name)) return { class: "closed", basis: "OpenAI embedding without author prefix" };
    return { class: "unknown", basis: id.startsWith("~") ? "an alias (~) of another model" : "no author prefix" };
  }
  if (author.startsWith("~")) return { class: "unknown", basis: "an alias (~) of another model" };
  const a = author.toLowerCase();
  for (const e of rule.exceptions) {
    if (e.author === a && e.match.test(name)) return { class: e.class, basis: `exception ${a}: /${e.pattern}/` };
  }
  const c = rule.authors.get(a);
  if (c) return { class: c, basis: c === "unknown" ? `author ${a}: stealth or router` : `author default ${c}` };
  return { class: "unknown", basis: `author ${a} not in the rule` };
}
