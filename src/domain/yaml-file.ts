/** A YAML data file validated by a zod schema, with errors naming the file, the line and the field. */
import { createRequire } from "node:module";
import type { Document } from "yaml";
import type { z } from "zod";
import { InputError } from "../errors.js";

type YamlApi = typeof import("yaml");
let yamlApi: YamlApi | null = null;
/** The yaml package, loaded on first use (commands that read no data file start without it). */
export function yaml(): YamlApi {
  yamlApi ??= createRequire(import.meta.url)("yaml") as YamlApi;
  return yamlApi;
}

/** A parsed YAML document and the 1-based line of a node's range. */
export interface YamlDocument {
  doc: Document.Parsed;
  lineAt(range: readonly number[] | null | undefined): number | undefined;
}

/** Parses YAML text (duplicate keys refused); invalid YAML is an `InputError` with the file and the line. */
export function parseYamlDocument(text: string, file: string): YamlDocument {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (range: readonly number[] | null | undefined) =>
    range?.[0] === undefined ? undefined : lineCounter.linePos(range[0]).line;
  const yamlError = doc.errors[0];
  if (yamlError) {
    throw new InputError(`invalid YAML: ${yamlError.message.split("\n")[0]}`, { file, line: lineAt(yamlError.pos) });
  }
  return { doc, lineAt };
}

/**
 * Parses `text` (the contents of `file`) and validates it with `schema`. Throws an `InputError` for invalid YAML
 * (with its line) or for the first schema issue (with the line of the deepest node of its path that exists, and the
 * dotted field path, e.g. `claims.2.value`).
 */
export function parseYamlFile<S extends z.ZodType>(text: string, file: string, schema: S): z.output<S> {
  const { doc, lineAt } = parseYamlDocument(text, file);
  const parsed = schema.safeParse(doc.toJS() ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const p = (issue?.path ?? []).map((k) => (typeof k === "number" ? k : String(k)));
  let line: number | undefined;
  for (let n = p.length; n > 0 && line === undefined; n--) {
    const node = doc.getIn(p.slice(0, n), true) as { range?: number[] } | undefined;
    line = lineAt(node?.range);
  }
  throw new InputError(issue?.message ?? "invalid file", { file, line, field: p.join(".") || undefined });
}
