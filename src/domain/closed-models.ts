import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readDataFile } from "./data-files.js";
import { yaml } from "./yaml-file.js";

/** The shipped catalogue: `<project>/data/closed-models.yaml`. */
export const CLOSED_MODELS_FILE = fileURLToPath(new URL("../../data/closed-models.yaml", import.meta.url));

/** A calendar date `YYYY-MM-DD` (YAML may parse an unquoted date as a Date). */
const Day = z.preprocess(
  (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date YYYY-MM-DD"),
);

const ClosedModelSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, "expected a lower-case slug"),
    name: z.string().min(1),
    provider: z.string().min(1),
    released: Day,
    /** The day the provider announced the deprecation, when that matters apart from the retirement. */
    deprecated: Day.nullable().default(null),
    source: z.url(),
    /** The day the API stopped serving the model (null: still served, or no source states it). */
    retired: Day.nullable().default(null),
    /** Where the retirement day comes from. */
    retiredSource: z.url().nullable().default(null),
    evidence: z.string().min(1).nullable().default(null),
    note: z.string().min(1).nullable().default(null),
    /** API ids and spellings the model appears under (`gpt-4o-2024-05-13`, `openai/gpt-4o`…), for the name matcher. */
    aliases: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .refine((m) => m.retired === null || m.retiredSource !== null, {
    message: "a retirement day needs its source (retiredSource)",
    path: ["retiredSource"],
  });

/** One closed model of the catalogue. */
export type ClosedModel = z.output<typeof ClosedModelSchema> & { class: "closed-api" };

/** Parses the catalogue; throws `InputError` naming the file and the field for bad YAML, a bad entry or a duplicate id. */
export function parseClosedModels(text: string, file: string): ClosedModel[] {
  const doc = yaml().parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) throw new InputError(`invalid YAML: ${err.message.split("\n")[0]}`, { file });
  const parsed = z
    .object({ models: z.array(ClosedModelSchema).min(1) })
    .strict()
    .safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue?.message ?? "invalid catalogue", { file, field: issue?.path.join(".") || undefined });
  }
  const seen = new Set<string>();
  const spelled = new Map<string, string>();
  return parsed.data.models.map((m, i) => {
    if (seen.has(m.id)) throw new InputError(`duplicate id "${m.id}"`, { file, field: `models.${i}.id` });
    seen.add(m.id);
    if (m.deprecated !== null && m.deprecated < m.released) {
      throw new InputError("deprecated before released", { file, field: `models.${i}.deprecated` });
    }
    if (m.retired !== null && m.retired < m.released) {
      throw new InputError("retired before released", { file, field: `models.${i}.retired` });
    }
    // one name, one model: an alias (compared lower-cased) names exactly one entry
    for (const [j, a] of m.aliases.entries()) {
      const owner = spelled.get(a.toLowerCase());
      if (owner !== undefined && owner !== m.id) {
        throw new InputError(`alias "${a}" also names "${owner}"`, { file, field: `models.${i}.aliases.${j}` });
      }
      spelled.set(a.toLowerCase(), m.id);
    }
    return { ...m, class: "closed-api" as const };
  });
}

/** Loads `data/closed-models.yaml` (or `opts.path`). */
export async function loadClosedModels(opts: { path?: string } = {}): Promise<ClosedModel[]> {
  const file = opts.path ?? CLOSED_MODELS_FILE;
  const text = await readDataFile(file, "the closed-model catalogue");
  return parseClosedModels(text, file);
}

/** The models available through their APIs on `date` (`YYYY-MM-DD`): released on or before it and not yet retired. */
export function closedModelsAt<T extends Pick<ClosedModel, "released" | "retired">>(
  models: readonly T[],
  date: string,
): T[] {
  return models.filter((m) => m.released <= date && (m.retired === null || m.retired > date));
}
