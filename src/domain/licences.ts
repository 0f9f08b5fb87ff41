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
  "no-derivatives",
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

/**
 * A licence named in model cards (`cardData.license_name`) of repos tagged `license:other` or `license:unknown`: its
 * class, and where the text that decided it is.
 */
export interface NamedLicence extends Licence {
  /** The licence text (or the repo that carries it) the class was decided on. */
  source: string | null;
  /** The Hub tag it reads as (`llama-3` → `llama3`), when it is the same licence as a tag. */
  as: string | null;
}

/** The whole map: class definitions, licences by lower-cased tag, and licences stated by name in model cards. */
export interface LicenceMap {
  classes: Record<OpennessClass, string>;
  licences: Map<string, Licence>;
  /** By lower-cased `license_name`. */
  names: Map<string, NamedLicence>;
}

/** The key a card-stated licence name has in the stored licence table: `name:` + the lower-cased name. */
export function cardLicenceKey(licenseName: string): string {
  return `name:${licenseName.trim().toLowerCase()}`;
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

/** A licence name of model cards: its own class, or `as` a Hub tag of the map. */
const NamedSchema = z.union([
  z
    .object({ as: z.string().min(1), source: z.string().min(1).optional(), note: z.string().min(1).optional() })
    .strict(),
  z
    .object({
      class: ClassSchema,
      spdx: z.string().min(1).optional(),
      commercial: z.union([z.boolean(), z.literal("conditional")]),
      note: z.string().min(1).optional(),
      source: z.string().min(1),
    })
    .strict()
    .refine((l) => !(l.class === "vendor-community" || l.commercial === "conditional") || l.note !== undefined, {
      message: "vendor and conditional licences need a note",
    }),
]);

const FileSchema = z
  .object({
    classes: z.record(ClassSchema, z.string().min(1)),
    licences: z.record(z.string().min(1), LicenceSchema),
    names: z.record(z.string().min(1), NamedSchema).optional(),
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
  // names with their own class first, then the `as` references (to a tag, else to another name)
  const names = new Map<string, NamedLicence>();
  const entries = Object.entries(parsed.data.names ?? {});
  const seen = new Set<string>();
  for (const [name] of entries) {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) {
      throw new InputError("same licence name twice (names compare case-insensitively)", {
        file,
        field: `names.${name}`,
      });
    }
    seen.add(key);
  }
  for (const [name, n] of entries) {
    if ("as" in n) continue;
    names.set(name.trim().toLowerCase(), {
      tag: name.trim().toLowerCase(),
      class: n.class,
      spdx: n.spdx ?? null,
      commercial: n.commercial === "conditional" ? "conditional" : n.commercial ? "true" : "false",
      note: n.note ?? null,
      source: n.source,
      as: null,
    });
  }
  for (const [name, n] of entries) {
    if (!("as" in n)) continue;
    const target = n.as.toLowerCase();
    const same = licences.get(target) ?? names.get(target);
    if (!same) {
      throw new InputError(
        `"as: ${n.as}" is neither a licence tag nor a licence name with its own class in this file`,
        {
          file,
          field: `names.${name}`,
        },
      );
    }
    const key = name.trim().toLowerCase();
    names.set(key, {
      ...same,
      tag: key,
      note: n.note ?? same.note,
      source: n.source ?? ("source" in same ? (same as NamedLicence).source : null),
      as: target,
    });
  }
  return { classes: parsed.data.classes as Record<OpennessClass, string>, licences, names };
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

/** The class of a licence stated by name in a model card (case-insensitive); a name not in the map is `unknown`. */
export function classOfName(map: LicenceMap, licenseName: string | null | undefined): OpennessClass {
  if (!licenseName) return "unknown";
  return map.names.get(licenseName.trim().toLowerCase())?.class ?? "unknown";
}

/**
 * The rows the store's `licence_class` table holds, sorted by tag: every Hub tag, and every licence name of model
 * cards under its {@link cardLicenceKey} (`name:tongyi-qianwen`), which the openness queries use for repos tagged `other` or
 * `unknown` whose card names their licence.
 */
export function licenceRows(
  map: LicenceMap,
): Array<{ tag: string; class: string; spdx: string | null; commercial: string }> {
  return [
    ...[...map.licences.values()].map((l) => ({ tag: l.tag, class: l.class, spdx: l.spdx, commercial: l.commercial })),
    ...[...map.names.values()].map((l) => ({
      tag: cardLicenceKey(l.tag),
      class: l.class,
      spdx: l.spdx,
      commercial: l.commercial,
    })),
  ].sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
}
