/**
 * The subjects a report always follows (data/report/subjects.yaml by default): families, organisations with a
 * name match, the items of the history chart, the openness section and a cost preset.
 */
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { readDataFile } from "../domain/data-files.js";
import { parseYamlFile } from "../domain/yaml-file.js";

/** The shipped subjects file. */
export const SUBJECTS_FILE = fileURLToPath(new URL("../../data/report/subjects.yaml", import.meta.url));

const name = z.string().trim().min(1).max(200);

/** The subjects file's schema. */
export const SubjectsSchema = z.strictObject({
  top: z.number().int().min(1).max(100).default(10),
  families: z
    .array(z.strictObject({ family: name, relations: z.string().trim().min(1).optional() }))
    .max(20)
    .default([]),
  orgs: z
    .array(z.strictObject({ author: name, match: z.string().min(1).max(500).optional() }))
    .max(20)
    .default([]),
  compare: z.array(name).max(10).default([]),
  openness: z.boolean().default(true),
  /** The "Who serves the tokens" section, when the store holds token-usage snapshots (omo usage import). */
  usage: z.boolean().default(true),
  costPreset: name.nullable().default(null),
});

/** What a report follows. */
export type Subjects = z.output<typeof SubjectsSchema>;

/** Reads and validates a subjects file (one-line errors naming file, line and field). */
export async function loadSubjects(file: string = SUBJECTS_FILE): Promise<Subjects> {
  const text = await readDataFile(file, "the subjects file");
  return parseYamlFile(text, file, SubjectsSchema);
}
