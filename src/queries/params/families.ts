/**
 * Catalog entries about families: a family is its official repos (a regex on the lower-cased id, from the reviewed
 * registry in data/families/) plus their transitive descendants through lineage links (`model_link`), optionally
 * limited by relation and depth; models admitted only by name patterns are counted apart, never mixed in.
 */
import { z } from "zod";
import { RELATION_VALUES } from "../../domain/relations.js";
import { DateParam } from "../common.js";

/** A regular expression (RE2, as DuckDB's regexp_matches) on the lower-cased repo id `author/name`. */
export const Pattern = z.string().min(1).max(4000);

/** Relations a lineage walk may follow (the one list, src/domain/relations.ts). */
export const RELATIONS = RELATION_VALUES;

/** What a walk follows when no relation is named: every stated relation, not omo's `reupload` name rule. */
export const DEFAULT_RELATIONS = ["finetune", "adapter", "quantized", "merge", "unknown"] as const;

/**
 * Comma-separated relations to follow (default null: {@link DEFAULT_RELATIONS}, i.e. all but `reupload`). Surfaces
 * read `all` as the default set, so `all,reupload` adds re-uploads (see {@link relationsParam}).
 */
export const RelationsParam = z
  .string()
  .regex(
    new RegExp(`^(${RELATIONS.join("|")})(,(${RELATIONS.join("|")}))*$`),
    `relations: a comma list of ${RELATIONS.join(", ")} (or all = ${DEFAULT_RELATIONS.join(",")})`,
  )
  .nullable()
  .default(null);

/**
 * The relations parameter of a user's list (`--relations`, `?relations=`): lower-cased, spaces removed, `all`
 * expanded to {@link DEFAULT_RELATIONS}, repeats dropped; null when nothing is named or the list is exactly the
 * default (`all`). An unknown word is left for the query's parameter check to name.
 */
export function relationsParam(text: string | null | undefined): string | null {
  if (text === null || text === undefined || text.trim() === "") return null;
  const words = text.toLowerCase().replace(/\s+/g, "").split(",");
  const out: string[] = [];
  for (const w of words.flatMap((x) => (x === "all" ? [...DEFAULT_RELATIONS] : [x]))) if (!out.includes(w)) out.push(w);
  const isDefault = out.length === DEFAULT_RELATIONS.length && DEFAULT_RELATIONS.every((r) => out.includes(r));
  return isDefault ? null : out.join(",");
}

/** How a relations parameter reads: `all` (the default set), `all,reupload`, or the list as given. */
export function relationsLabel(param: string | null): string {
  if (param === null) return "all";
  const list = param.split(",");
  if (!DEFAULT_RELATIONS.every((r) => list.includes(r))) return param;
  return ["all", ...list.filter((r) => !(DEFAULT_RELATIONS as readonly string[]).includes(r))].join(",");
}

/** Deepest link chain followed (1 = direct children only). */
export const DepthParam = z.coerce.number().int().min(0).max(100).default(50);

/** Parameters every family query shares. */
export const FamilyParams = z.object({
  official: Pattern,
  names: Pattern.nullable().default(null),
  relations: RelationsParam,
  depth: DepthParam,
  date: DateParam,
});
