/**
 * Organisations and their countries (data/organisations.yaml): one entry per organisation with every spelling it has
 * in the sources (LMArena `organization`, Hub authors, OpenRouter prefixes), matched case-insensitively.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readDataFile } from "./data-files.js";
import { parseYamlFile } from "./yaml-file.js";

/** The shipped table. */
export const ORGANISATIONS_FILE = fileURLToPath(new URL("../../data/organisations.yaml", import.meta.url));

const OrganisationSchema = z.strictObject({
  name: z.string().trim().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166-1 alpha-2 country code"),
  aliases: z.array(z.coerce.string().trim().min(1)).min(1),
  source: z.url(),
});

/** One organisation. */
export type Organisation = z.output<typeof OrganisationSchema>;

/** The table, with lookup by any spelling. */
export interface Organisations {
  list: Organisation[];
  /** The organisation a spelling (an author, a prefix, a display name) stands for, or null. */
  find(spelling: string | null | undefined): Organisation | null;
}

/** Parses the table; a spelling claimed by two organisations names the field. */
export function parseOrganisations(text: string, file: string): Organisations {
  const doc = parseYamlFile(text, file, z.strictObject({ organisations: z.array(OrganisationSchema) }));
  const by = new Map<string, Organisation>();
  doc.organisations.forEach((o, i) => {
    for (const spelling of [o.name, ...o.aliases]) {
      const key = spelling.toLowerCase();
      const prior = by.get(key);
      if (prior && prior !== o) {
        throw new InputError(`"${spelling}" is a spelling of both ${prior.name} and ${o.name}`, {
          file,
          field: `organisations.${i}.aliases`,
        });
      }
      by.set(key, o);
    }
  });
  return { list: doc.organisations, find: (s) => (s ? (by.get(s.trim().toLowerCase()) ?? null) : null) };
}

/** Loads the shipped table (or `opts.path`). */
export async function loadOrganisations(opts: { path?: string } = {}): Promise<Organisations> {
  const file = opts.path ?? ORGANISATIONS_FILE;
  return parseOrganisations(await readDataFile(file, "the organisations table"), file);
}
