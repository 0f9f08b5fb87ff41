import { fileURLToPath } from "node:url";
import { z } from "zod";
import { InputError } from "../errors.js";
import { readDataFile } from "./data-files.js";
import { parseYamlDocument } from "./yaml-file.js";

/** The shipped licence map: `<project>/data/licences.yaml` (this module is in `src/domain` or `dist/domain`). */
export const LICENCES_FILE = fileURLToPath(new URL("../../data/licences.yaml", import.meta.url));

/** The openness classes, from most to least open (closed-api last: no weights at all). */
export const OPENNESS_CLASSES = [
  "open-source",
  "open-content",
  "responsible-use",
  "vendor-community",
  "non-commercial",
  "unknown",
  "closed-api",
] as const;

/** One openness class. */
export type OpennessClass = (typeof OPENNESS_CLASSES)[number];

/** Whether commercial use is allowed: yes, no, or under conditions (user caps, use restrictions…). */
export type Commercial = "true" | "false" | "conditional";

/** One licence of the map. */
export interface Licence {
  /** The Hub tag, lower-cased (`apache-2.0`, `llama2`…). */
  tag: string;
  class: OpennessClass;
  spdx: string | null;
  commercial: Commercial;
  note: string | null;
}

/** The whole map: class definitions and licences by lower-cased tag. */
export interface LicenceMap {
  classes: Record<OpennessClass, string>;
  licences: Map<string, Licence>;
}

const ClassSchema = z.enum(OPENNESS_CLASSES);

const LicenceSchema = z
  .object({
    class: ClassSchema,
    spdx: z.string().min(1).optional(),
    commercial: z.union([z.boolean(), z.literal("conditional")]),
    note: z.string().min(1).optional(),
  })
  .strict()
  .refine((l) => !(l.class === "vendor-community" || l.commercial === "conditional") || l.note !== undefined, {
    message: "vendor and conditional licences need a note",
  });

const FileSchema = z
  .object({
    classes: z.record(ClassSchema, z.string().min(1)),
    licences: z.record(z.string().min(1), LicenceSchema),
  })
  .strict();

/**
 * Parses a licence file. Throws `InputError` with file, line and field for bad YAML, an unknown class, a missing
 * class definition, a bad field, or two tags equal up to case.
 */
export function parseLicences(text: string, file: string): LicenceMap {
  const { doc, lineAt } = parseYamlDocument(text, file);
  const parsed = FileSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const p = (issue?.path ?? []).map(String);
    const node = p.length > 0 ? (doc.getIn(p.slice(0, 2), true) as { range?: number[] } | undefined) : undefined;
    throw new InputError(issue?.message ?? "invalid licence file", {
      file,
      line: lineAt(node?.range),
      field: p.join(".") || undefined,
    });
  }
  const licences = new Map<string, Licence>();
  for (const [tag, l] of Object.entries(parsed.data.licences)) {
    const key = tag.toLowerCase();
    if (licences.has(key)) {
      throw new InputError("same tag twice (tags compare case-insensitively)", { file, field: `licences.${tag}` });
    }
    licences.set(key, {
      tag: key,
      class: l.class,
      spdx: l.spdx ?? null,
      commercial: l.commercial === "conditional" ? "conditional" : l.commercial ? "true" : "false",
      note: l.note ?? null,
    });
  }
  return { classes: parsed.data.classes as Record<OpennessClass, string>, licences };
}

/** Loads `data/licences.yaml` (or `opts.path`). Throws `InputError` for a missing or invalid file. */
export async function loadLicences(opts: { path?: string } = {}): Promise<LicenceMap> {
  const file = opts.path ?? LICENCES_FILE;
  const text = await readDataFile(file, "the licence file");
  return parseLicences(text, file);
}

/** The openness class of a licence tag (case-insensitive); no tag or a tag not in the map is `unknown`. */
export function classOf(map: LicenceMap, tag: string | null | undefined): OpennessClass {
  if (!tag) return "unknown";
  return map.licences.get(tag.trim().toLowerCase())?.class ?? "unknown";
}

/** The rows the store's `licence_class` table holds, sorted by tag. */
export function licenceRows(
  map: LicenceMap,
): Array<{ tag: string; class: string; spdx: string | null; commercial: string }> {
  return [...map.licences.values()]
    .map((l) => ({ tag: l.tag, class: l.class, spdx: l.spdx, commercial: l.commercial }))
    .sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
