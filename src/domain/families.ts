/**
 * The reviewed registry of model families: one YAML file per family in `data/families/`, plus files a user gives
 * (`--families PATH`). A family names its official repos (an author and a regular expression on the repo name),
 * optional name patterns that admit derivatives carrying no lineage tag, and a version pattern.
 *
 * Every pattern must work both as a JavaScript `RegExp` (versions, tests) and in DuckDB's `regexp_matches` (RE2):
 * lookaround, backreferences, atomic groups, inline flags and `\p{…}` classes are rejected when a file is loaded.
 * Matching is always case-insensitive (the Hub compares ids case-insensitively).
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { filesAt } from "./data-files.js";
import { parseYamlDocument } from "./yaml-file.js";

/** The folder of the shipped family files: `<project>/data/families` (this module is in `src/domain` or `dist/domain`). */
export const FAMILIES_DIR = fileURLToPath(new URL("../../data/families/", import.meta.url));

// ---------------------------------------------------------------------------------------------------------------
// Patterns: one scanner that checks RE2 compatibility and rewrites a pattern for JavaScript or for SQL.
// ---------------------------------------------------------------------------------------------------------------

/** What {@link scanPattern} learns about a regular expression's source. */
export interface PatternScan {
  /** Constructs that RE2 (DuckDB) or JavaScript would reject or read differently; empty when the pattern is portable. */
  problems: string[];
  /** Named groups, in order of their opening parenthesis (`(?P<name>`; the JavaScript form `(?<name>` is a problem). */
  namedGroups: string[];
  /** Number of top-level alternatives (`a|b` gives 2). */
  branches: number;
  /** Top-level alternatives that start with `^`. */
  anchoredBranches: number;
  /** `^` anywhere else (inside groups, or not at the start of a top-level alternative). */
  otherAnchors: number;
  /** The pattern in JavaScript syntax: `(?P<name>` becomes `(?<name>`. */
  js: string;
  /** The pattern lower-cased for a lower-cased subject, in RE2 syntax; escapes (`\D`, `\W`…) keep their case. */
  lower: string;
  /** {@link lower} with the `^` that start top-level alternatives removed. */
  lowerUnanchored: string;
}

/**
 * Scans a regular expression's source without compiling it: reports constructs outside the common subset of
 * JavaScript and RE2, counts anchors and named groups, and produces the JavaScript and lower-cased SQL forms.
 */
export function scanPattern(src: string): PatternScan {
  const problems: string[] = [];
  const namedGroups: string[] = [];
  let js = "";
  let lower = "";
  let lowerUnanchored = "";
  let depth = 0;
  let branches = 1;
  let anchoredBranches = 0;
  let otherAnchors = 0;
  let atBranchStart = true;
  const emit = (raw: string, jsText = raw, keepCase = false) => {
    js += jsText;
    const l = keepCase ? raw : raw.toLowerCase();
    lower += l;
    lowerUnanchored += l;
  };
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    const startOfBranch = atBranchStart;
    atBranchStart = false;
    if (c === "\\") {
      const e = src[i + 1];
      if (e === undefined) problems.push("ends with a lone backslash");
      else if (/[1-9]/.test(e)) problems.push(`backreference \\${e} (RE2 has none)`);
      else if (e === "k") problems.push("named backreference \\k (RE2 has none)");
      else if (e === "p" || e === "P") problems.push(`Unicode class \\${e} (not portable between RE2 and JavaScript)`);
      else if (e === "u" || e === "c") problems.push(`escape \\${e} (RE2 has none; use \\x{…} or a literal)`);
      emit(`\\${e ?? ""}`, `\\${e ?? ""}`, true);
      i += 2;
      continue;
    }
    if (c === "[") {
      let j = i + 1;
      if (src[j] === "^") j++;
      if (src[j] === "]") problems.push("empty or negated-empty character class ([] / [^]) reads differently in RE2");
      while (j < src.length && src[j] !== "]") {
        if (src[j] === "\\") {
          const e = src[j + 1] ?? "";
          if (e === "p" || e === "P") problems.push(`Unicode class \\${e} (not portable between RE2 and JavaScript)`);
          if (e === "u" || e === "c") problems.push(`escape \\${e} (RE2 has none; use \\x{…} or a literal)`);
          j += 2;
        } else j++;
      }
      if (j >= src.length) problems.push("unclosed character class [");
      // Lower-case the class but not the letter after a backslash.
      const cls = src.slice(i, j + 1);
      js += cls;
      const l = cls.replace(/\\.|[^\\]+/gs, (m) => (m.startsWith("\\") ? m : m.toLowerCase()));
      lower += l;
      lowerUnanchored += l;
      i = j + 1;
      continue;
    }
    if (c === "(") {
      depth++;
      atBranchStart = false;
      if (src[i + 1] === "?") {
        const rest = src.slice(i + 2);
        const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
        if (rest.startsWith("=") || rest.startsWith("!")) problems.push("lookahead (?= / (?! (RE2 has none)");
        else if (rest.startsWith("<=") || rest.startsWith("<!")) problems.push("lookbehind (?<= / (?<! (RE2 has none)");
        else if (named) {
          if (!named[0].startsWith("P"))
            problems.push(`named group (?<${named[1]}> (write (?P<${named[1]}>…) for RE2)`);
          namedGroups.push(named[1] as string);
          js += `(?<${named[1]}>`;
          lower += `(?P<${named[1]}>`;
          lowerUnanchored += `(?P<${named[1]}>`;
          i += 2 + named[0].length;
          continue;
        } else if (rest.startsWith(">")) problems.push("atomic group (?> (RE2 has none)");
        else if (!rest.startsWith(":"))
          problems.push("inline flags or unknown group (?… (matching is already case-insensitive)");
        else {
          emit("(?:");
          i += 3;
          continue;
        }
      }
      emit(c);
      i++;
      continue;
    }
    if (c === ")") {
      depth--;
      emit(c);
      i++;
      continue;
    }
    if (c === "|") {
      if (depth === 0) {
        branches++;
        atBranchStart = true;
      }
      emit(c);
      i++;
      continue;
    }
    if (c === "^") {
      if (depth === 0 && startOfBranch) {
        anchoredBranches++;
        js += c;
        lower += c;
      } else {
        otherAnchors++;
        emit(c);
      }
      i++;
      continue;
    }
    emit(c);
    i++;
  }
  return { problems, namedGroups, branches, anchoredBranches, otherAnchors, js, lower, lowerUnanchored };
}

/**
 * Compiles a family pattern for JavaScript, case-insensitively by default: `(?P<name>` (RE2/Python syntax, the
 * form family files use) is rewritten as `(?<name>`. Throws a `SyntaxError` for a pattern JavaScript cannot compile.
 */
export function toJsRegExp(pattern: string, flags = "i"): RegExp {
  return new RegExp(scanPattern(pattern).js, flags);
}

/** Why `pattern` is not a portable case-insensitive regular expression, or null when it is. */
function patternProblem(pattern: string): string | null {
  const scan = scanPattern(pattern);
  if (scan.problems.length) return `not usable in RE2/DuckDB: ${scan.problems[0]}`;
  try {
    new RegExp(scan.js, "i");
  } catch (err) {
    return `invalid regular expression: ${(err as Error).message}`;
  }
  return null;
}

/** Extra rules for patterns that end up in SQL (official rules, `names`): no named groups (use `(?:…)`). */
function sqlPatternProblem(pattern: string): string | null {
  const basic = patternProblem(pattern);
  if (basic) return basic;
  if (scanPattern(pattern).namedGroups.length) return "named groups are only for `versions`; use (?:…) here";
  return null;
}

/** Extra rule for official rules: `^` only at the start of the pattern or of every top-level alternative. */
function officialPatternProblem(pattern: string): string | null {
  const basic = sqlPatternProblem(pattern);
  if (basic) return basic;
  const s = scanPattern(pattern);
  if (s.otherAnchors > 0 || (s.anchoredBranches > 0 && s.anchoredBranches < s.branches))
    return "use ^ only at the start of the pattern, or at the start of every top-level alternative (a|b)";
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Schema
// ---------------------------------------------------------------------------------------------------------------

const Pattern = (check: (p: string) => string | null) =>
  z
    .string()
    .min(1)
    .superRefine((p, ctx) => {
      const problem = check(p);
      if (problem) ctx.addIssue({ code: "custom", message: problem });
    });

/** One official rule: a Hub namespace (exact, case-insensitive) and a case-insensitive regex on the repo name. */
export const OfficialRuleSchema = z.strictObject({
  author: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "a Hub namespace: letters, digits, '.', '_' or '-', no slash"),
  pattern: Pattern(officialPatternProblem),
});

/** The schema of one family file (`data/families/<name>.yaml`). */
export const FamilyFileSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a lower-case slug: letters, digits and single hyphens (e.g. llama-2)"),
  title: z.string().min(1),
  description: z
    .string()
    .min(1)
    .refine((s) => !s.includes("\n"), "one line"),
  official: z.array(OfficialRuleSchema).min(1, "needs at least one official rule"),
  names: z.array(Pattern(sqlPatternProblem)).optional(),
  versions: Pattern((p) => {
    const problem = patternProblem(p);
    if (problem) return problem;
    return scanPattern(p).namedGroups.length ? null : "needs at least one named group (?P<name>…)";
  }).optional(),
  sources: z.string().min(1).optional(),
});

/** One official rule of a family. */
export type OfficialRule = z.infer<typeof OfficialRuleSchema>;

/** A loaded, validated family. */
export interface Family {
  /** The slug used on the command line (lower-case). */
  name: string;
  /** Display name, e.g. "Llama 2". */
  title: string;
  /** One line. */
  description: string;
  /** Official repos: author (exact, case-insensitive) and a case-insensitive regex searched in the repo name. */
  official: OfficialRule[];
  /** Case-insensitive regexes searched in the full id `author/name` that admit untagged derivatives (may be empty). */
  names: string[];
  /** Regex with named groups searched in the repo name; the matched groups make the version label. */
  versions: string | null;
  /** How the official list was checked. */
  sources: string | null;
  /** The file it was loaded from. */
  file: string;
  /** Whether it comes from the package (`data/families`) rather than from a user path. */
  shipped: boolean;
}

// ---------------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------------

const YAML_EXT = /\.ya?ml$/i;

/** `official[0].pattern` from a zod path. */
function fieldName(pathParts: readonly PropertyKey[]): string {
  let out = "";
  for (const p of pathParts) {
    if (typeof p === "number") out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

/**
 * Parses and validates one family file. Throws `InputError` naming the file, the field and (when the YAML parser
 * knows it) the line.
 */
export function parseFamilyFile(text: string, file: string, shipped = false): Family {
  const { doc, lineAt: lineOfRange } = parseYamlDocument(text, file);
  const lineAt = (offset: number | undefined) =>
    offset === undefined ? undefined : lineOfRange([offset]) || undefined;
  const parsed = FamilyFileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    // An unknown field first: it usually explains a "missing" one (a misspelt key).
    const issues = parsed.error.issues;
    const issue = (issues.find((i) => i.code === "unrecognized_keys") ?? issues[0]) as z.core.$ZodIssue;
    let where = [...issue.path];
    if (issue.code === "unrecognized_keys" && issue.keys[0] !== undefined) where = [...where, issue.keys[0]];
    // The line of the offending node, else of its nearest existing parent.
    let line: number | undefined;
    for (let n = where.length; n >= 0 && line === undefined; n--) {
      const node = doc.getIn(where.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) line = lineAt(node.range[0]);
      if (issue.code === "unrecognized_keys" && n === where.length && line === undefined) {
        // The key of an unknown field: find it in the parent map.
        const parent = doc.getIn(where.slice(0, -1), true) as
          | { items?: Array<{ key?: { value?: unknown; range?: [number, number, number] } }> }
          | undefined;
        const keyNode = parent?.items?.find((it) => it.key?.value === where[where.length - 1])?.key;
        if (keyNode?.range) line = lineAt(keyNode.range[0]);
      }
    }
    const problem =
      issue.code === "unrecognized_keys"
        ? "unknown field"
        : issue.code === "invalid_type" && /received undefined/.test(issue.message)
          ? `missing (expected ${issue.expected})`
          : issue.message;
    throw new InputError(problem, { file, line, field: fieldName(where) || undefined });
  }
  const f = parsed.data;
  return {
    name: f.name,
    title: f.title,
    description: f.description,
    official: f.official,
    names: f.names ?? [],
    versions: f.versions ?? null,
    sources: f.sources ?? null,
    file,
    shipped,
  };
}

/** Files `*.yaml` / `*.yml` of a folder (sorted), or the file itself. */
function familyFilesAt(p: string): Promise<string[]> {
  return filesAt(p, YAML_EXT, "family file");
}

/**
 * The families parsed so far, by file and origin, with the text they were parsed from: a file read again with the same
 * text is not parsed again (every load of either store walks the registry; parsing its YAML took ~25 ms a time).
 */
const parsedFiles = new Map<string, { text: string; family: Family }>();

/** Loads and validates a list of files; two files of one list may not share a name. */
async function loadList(files: string[], shipped: boolean): Promise<Map<string, Family>> {
  const out = new Map<string, Family>();
  for (const file of files) {
    const text = await readFile(file, "utf8");
    const key = `${shipped ? "shipped" : "user"}:${file}`;
    let parsed = parsedFiles.get(key);
    if (parsed?.text !== text) {
      parsed = { text, family: parseFamilyFile(text, file, shipped) };
      parsedFiles.set(key, parsed);
    }
    // a copy: callers own what they get
    const family = structuredClone(parsed.family);
    const prior = out.get(family.name);
    if (prior)
      throw new InputError(`family "${family.name}" is also defined in ${prior.file}`, { file, field: "name" });
    out.set(family.name, family);
  }
  return out;
}

/**
 * Loads every shipped family (`data/families/*.yaml` of the package) plus the files or folders in `extraPaths`
 * (a folder contributes its `*.yaml` / `*.yml` files). A user family with the same `name` as a shipped one replaces
 * it; two user files (or two shipped files) with the same name are an error. Returns the families sorted by name.
 * Throws `InputError` (file, field, line) for a missing path or an invalid file.
 */
export async function loadFamilies(opts: { extraPaths?: string[] } = {}): Promise<Family[]> {
  const shipped = await loadList(await familyFilesAt(FAMILIES_DIR), true);
  const userFiles: string[] = [];
  for (const p of opts.extraPaths ?? []) userFiles.push(...(await familyFilesAt(p)));
  const user = await loadList(userFiles, false);
  const all = new Map([...shipped, ...user]);
  return [...all.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** The family called `name` (case-insensitive); an `InputError` listing the known names if there is none. */
export function findFamily(families: readonly Family[], name: string): Family {
  const want = name.trim().toLowerCase();
  const found = families.find((f) => f.name === want);
  if (found) return found;
  const known = families.map((f) => f.name).join(", ");
  throw new InputError(`unknown family "${name}"; known families: ${known || "(none)"}`, { field: "family" });
}

// ---------------------------------------------------------------------------------------------------------------
// SQL parameters
// ---------------------------------------------------------------------------------------------------------------

/** Regex metacharacters of an author (a Hub namespace may contain `.`). */
function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** What a family query binds to select official repos and name-matched derivatives. */
export interface FamilySqlParams {
  /** The authors of the official rules, lower-cased, distinct, sorted. */
  officialAuthors: string[];
  /** One regex on the lower-cased full id equivalent to the official rules (see {@link officialSqlParams}). */
  officialPattern: string;
  /** One regex on the lower-cased full id equivalent to the `names` rules, or null when the family has none. */
  namePattern: string | null;
}

/**
 * The SQL parameters of a family.
 *
 * Contract: the patterns are lower-cased RE2 (also valid JavaScript) and are meant to be SEARCHED in the lower-cased
 * full repo id `author/name`, i.e. the store's `model.key`:
 *
 * - `regexp_matches(m.key, $officialPattern)` (DuckDB) or `new RegExp(officialPattern).test(id.toLowerCase())` is true
 *   exactly when some official rule holds: `lower(author) = rule.author` and the rule's pattern is found in the name
 *   (case-insensitively). `m.key` may be replaced by `lower(m.id)`; with a subject that is not lower-cased pass the
 *   `'i'` option instead.
 * - The pattern is `^(?:A1|A2|…)`, one alternative per rule: `author/(?:P)` when the rule's pattern is anchored (its
 *   leading `^` — or the `^` of each top-level alternative — removed, since the name starts right after the slash),
 *   else `author/.*(?:P)` (a search anywhere in the name; names never contain `/`).
 * - `officialAuthors` lets the query prune by `lower(author) IN (…)` before applying the regex.
 * - `namePattern` is `(?:N1)|(?:N2)|…` of the `names` rules, searched in the same lower-cased id; null when none.
 *
 * E.g. Llama-2 gives `{ officialAuthors: ["meta-llama"], officialPattern: "^(?:meta-llama/(?:llama-2-))",
 * namePattern: "(?:llama[-_ ]?2(?:[^0-9]|$))" }`.
 */
export function officialSqlParams(family: Family): FamilySqlParams {
  const alternatives = family.official.map((rule) => {
    const scan = scanPattern(rule.pattern);
    const author = escapeRegex(rule.author.toLowerCase());
    return scan.anchoredBranches > 0 ? `${author}/(?:${scan.lowerUnanchored})` : `${author}/.*(?:${scan.lower})`;
  });
  const authors = [...new Set(family.official.map((r) => r.author.toLowerCase()))].sort();
  const names = family.names.map((n) => `(?:${scanPattern(n).lower})`);
  return {
    officialAuthors: authors,
    officialPattern: `^(?:${alternatives.join("|")})`,
    namePattern: names.length ? names.join("|") : null,
  };
}

/** Whether a repo id (`author/name`) is official for the family, by its rules (case-insensitive). */
export function isOfficial(family: Family, id: string): boolean {
  const slash = id.indexOf("/");
  if (slash < 0) return false;
  const author = id.slice(0, slash).toLowerCase();
  const name = id.slice(slash + 1);
  return family.official.some((r) => r.author.toLowerCase() === author && toJsRegExp(r.pattern).test(name));
}
