import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readDataFile } from "./data-files.js";
import { yaml } from "./yaml-file.js";

/** The shipped evidence file: `<project>/data/openness-evidence.yaml`. */
export const OPENNESS_EVIDENCE_FILE = fileURLToPath(new URL("../../data/openness-evidence.yaml", import.meta.url));

/** A rating of one dimension, as the index and opening-up-chatgpt give it (null: not rated). */
const Rating = z.enum(["open", "partial", "closed"]).nullable();

const Common = {
  file: z.string().min(1),
  repository: z.string().min(1),
  commit: z.string().regex(/^[0-9a-f]{40}$/, "expected a full commit hash"),
  match: z.enum(["same-version", "other-version", "derivative"]),
  entry: z.string().min(1),
  note: z.string().min(1).optional(),
};

const Rated = {
  ...Common,
  licence: z.string(),
  ratings: z.record(z.string(), Rating),
  score: z.number().min(0),
  scoreMax: z.number().positive(),
};

const EvidenceSchema = z.discriminatedUnion("source", [
  z.object({ source: z.literal("osai-index"), ...Rated }).strict(),
  z.object({ source: z.literal("opening-up-chatgpt"), ...Rated }).strict(),
  z.object({ source: z.literal("mof"), ...Common, components: z.record(z.string(), z.string().nullable()) }).strict(),
]);

/** One piece of evidence about a family. */
export type OpennessEvidence = z.output<typeof EvidenceSchema>;

const FileSchema = z
  .object({ families: z.record(z.string().min(1), z.object({ evidence: z.array(EvidenceSchema).min(1) }).strict()) })
  .strict();

/**
 * Parses the evidence file into family name → evidence. Checks that each rated entry's score is the sum of its
 * ratings (open 1, partial 0.5) and at most its maximum. Throws `InputError` naming the file and field.
 */
export function parseOpennessEvidence(text: string, file: string): Map<string, OpennessEvidence[]> {
  const doc = yaml().parseDocument(text, { prettyErrors: false });
  const err = doc.errors[0];
  if (err) throw new InputError(`invalid YAML: ${err.message.split("\n")[0]}`, { file });
  const parsed = FileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(issue?.message ?? "invalid evidence file", {
      file,
      field: issue?.path.join(".") || undefined,
    });
  }
  const out = new Map<string, OpennessEvidence[]>();
  for (const [family, { evidence }] of Object.entries(parsed.data.families)) {
    evidence.forEach((e, i) => {
      if (e.source === "mof") return;
      const sum = Object.values(e.ratings).reduce((a, r) => a + (r === "open" ? 1 : r === "partial" ? 0.5 : 0), 0);
      if (sum !== e.score || e.score > e.scoreMax) {
        throw new InputError(`score ${e.score} does not match the ratings (sum ${sum}, max ${e.scoreMax})`, {
          file,
          field: `families.${family}.evidence.${i}.score`,
        });
      }
    });
    out.set(family.toLowerCase(), evidence);
  }
  return out;
}

/** Loads `data/openness-evidence.yaml` (or `opts.path`). */
export async function loadOpennessEvidence(opts: { path?: string } = {}): Promise<Map<string, OpennessEvidence[]>> {
  const file = opts.path ?? OPENNESS_EVIDENCE_FILE;
  const text = await readDataFile(file, "the openness evidence file");
  return parseOpennessEvidence(text, file);
}
