import { fileURLToPath } from "node:url";
import { InputError } from "../errors.js";
import { readDataFile } from "./data-files.js";
import { parseYamlDocument } from "./yaml-file.js";

/** The shipped alias file: `<project>/data/aliases.yaml` (this module is in `src/domain` or `dist/domain`). */
export const ALIASES_FILE = fileURLToPath(new URL("../../data/aliases.yaml", import.meta.url));

const LEGACY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const CANONICAL_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*\/[A-Za-z0-9][A-Za-z0-9._-]*$/;

/**
 * Parses an alias file: a top-level `aliases:` mapping of legacy id (no slash) to canonical id (`author/name`).
 * Returns a map from the lower-cased legacy id to the canonical id as written. Throws `InputError` with file, line
 * and field for bad YAML, a non-mapping, a legacy id with a slash, a canonical id without exactly one slash, or two
 * keys equal up to case.
 */
export function parseAliases(text: string, file: string): Map<string, string> {
  const { doc, lineAt } = parseYamlDocument(text, file);
  const root = doc.toJS() as unknown;
  if (root === null || typeof root !== "object" || Array.isArray(root) || !("aliases" in root)) {
    throw new InputError("expected a mapping with the key `aliases`", { file, field: "aliases" });
  }
  const map = (root as { aliases: unknown }).aliases;
  if (map === null || typeof map !== "object" || Array.isArray(map)) {
    throw new InputError("expected a mapping of legacy id to canonical id", {
      file,
      line: lineAt((doc.get("aliases", true) as { range?: number[] } | undefined)?.range),
      field: "aliases",
    });
  }
  const out = new Map<string, string>();
  const spelled = new Map<string, string>();
  for (const [legacy, canonical] of Object.entries(map as Record<string, unknown>)) {
    const loc = {
      file,
      line: lineAt((doc.getIn(["aliases", legacy], true) as { range?: number[] } | undefined)?.range),
      field: `aliases.${legacy}`,
    };
    if (!LEGACY_ID.test(legacy)) throw new InputError("a legacy id has no namespace: no slash", loc);
    if (typeof canonical !== "string" || !CANONICAL_ID.test(canonical)) {
      throw new InputError(`expected a canonical id author/name, got ${JSON.stringify(canonical)}`, loc);
    }
    const key = legacy.toLowerCase();
    const prior = spelled.get(key);
    if (prior !== undefined) throw new InputError(`same id as "${prior}" (ids compare case-insensitively)`, loc);
    spelled.set(key, legacy);
    out.set(key, canonical);
  }
  return out;
}

/**
 * Loads `data/aliases.yaml` of the package (or `opts.path`) as a map from the lower-cased legacy id to the
 * canonical id, e.g. `gpt2` → `openai-community/gpt2`. Throws `InputError` for a missing or invalid file.
 */
export async function loadAliases(opts: { path?: string } = {}): Promise<Map<string, string>> {
  const file = opts.path ?? ALIASES_FILE;
  const text = await readDataFile(file, "the alias file");
  return parseAliases(text, file);
}

/** The canonical id of `id` when it is a known legacy id (case-insensitive), else `id` unchanged. */
export function resolveAlias(aliases: ReadonlyMap<string, string>, id: string): string {
  return aliases.get(id.toLowerCase()) ?? id;
}
