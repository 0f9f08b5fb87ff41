/**
 * The reviewed organisation table `data/organisations.yaml`: organisation → country of its headquarters, with every
 * spelling it has in the sources (LMArena `organization`, Hub authors, OpenRouter prefixes). Shared by the leaderboards
 * and the usage figures; lookups go through {@link OrganisationIndex} (src/domain/model-names.ts).
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readDataFile } from "./data-files.js";
import { nameKey, OrganisationIndex } from "./model-names.js";
import { parseYamlDocument } from "./yaml-file.js";

/** The shipped table: `<project>/data/organisations.yaml`. */
export const ORGANISATIONS_FILE = fileURLToPath(new URL("../../data/organisations.yaml", import.meta.url));

const OrganisationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 country code such as US or CN")
    .optional(),
  aliases: z.array(z.string().trim().min(1).max(200)).default([]),
  source: z.url(),
  note: z.string().min(1).optional(),
});

const FileSchema = z.strictObject({ organisations: z.array(OrganisationSchema).min(1) });

/** One organisation of the table. */
export interface Organisation {
  name: string;
  country: string | null;
  aliases: string[];
  source: string;
  note: string | null;
}

/**
 * Parses the table. Throws `InputError` naming the file, the line and the field for bad YAML, a bad field, or a
 * spelling that two organisations share (spellings compare by {@link nameKey}).
 */
export function parseOrganisations(text: string, file: string): Organisation[] {
  const { doc, lineAt } = parseYamlDocument(text, file);
  const parsed = FileSchema.safeParse(doc.toJS() ?? {});
  const lineOf = (p: readonly (string | number)[]) => {
    for (let n = p.length; n > 0; n--) {
      const line = lineAt((doc.getIn(p.slice(0, n), true) as { range?: number[] } | undefined)?.range);
      if (line !== undefined) return line;
    }
    return undefined;
  };
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const p = (issue?.path ?? []).map((k) => (typeof k === "number" ? k : String(k)));
    throw new InputError(issue?.message ?? "invalid organisation table", {
      file,
      line: lineOf(p),
      field: p.join(".") || undefined,
    });
  }
  const owner = new Map<string, string>();
  return parsed.data.organisations.map((o, i) => {
    [o.name, ...o.aliases].forEach((spelling, j) => {
      const key = nameKey(spelling);
      const prior = owner.get(key);
      if (prior !== undefined && prior !== o.name) {
        const field = j === 0 ? `organisations.${i}.name` : `organisations.${i}.aliases.${j - 1}`;
        const p = j === 0 ? ["organisations", i, "name"] : ["organisations", i, "aliases", j - 1];
        throw new InputError(`spelling "${spelling}" already belongs to ${prior}`, { file, line: lineOf(p), field });
      }
      owner.set(key, o.name);
    });
    return { name: o.name, country: o.country ?? null, aliases: o.aliases, source: o.source, note: o.note ?? null };
  });
}

/** Loads `data/organisations.yaml` (or `opts.path`). */
export async function loadOrganisations(opts: { path?: string } = {}): Promise<Organisation[]> {
  const file = opts.path ?? ORGANISATIONS_FILE;
  return parseOrganisations(await readDataFile(file, "the organisation table"), file);
}

/** Loads the table as an index for lookups by any spelling. */
export async function loadOrganisationIndex(opts: { path?: string } = {}): Promise<OrganisationIndex> {
  return new OrganisationIndex(await loadOrganisations(opts));
}
