/**
 * The one set of human labels for lineage relations, shared by the CLI (`omo model`, `omo family --explain/--tree`),
 * the dashboard and the English report. The machine values (`finetune`, `adapter`, `quantized`, `merge`, `unknown`)
 * stay what the store, the API parameters and the JSON answers carry; only what people read is labelled here.
 */

/** Relations a base-model link can have (`unknown`: the untyped `base_model:X` tag form of July 2024). */
export const RELATION_VALUES = ["finetune", "adapter", "quantized", "merge", "unknown"] as const;

/** A relation as stored. */
export type Relation = (typeof RELATION_VALUES)[number];

/** What each relation (and `official`, depth 0 of a family walk) is called wherever people read it. */
export const RELATION_LABELS: Readonly<Record<Relation | "official", string>> = {
  official: "official",
  finetune: "fine-tune",
  adapter: "adapter",
  quantized: "quantization",
  merge: "merge",
  unknown: "untyped link",
};

/** One sentence explaining the untyped relation, shown next to it. */
export const UNTYPED_NOTE =
  "“untyped link” = the tag form base_model:X (the July-2024 listing), which names the base model but not how the repo was derived from it.";

/** The label of a relation value; an unexpected value is shown as it is. */
export function relationLabel(relation: string | null | undefined): string {
  if (relation === null || relation === undefined || relation === "") return "";
  return (RELATION_LABELS as Record<string, string>)[relation] ?? relation;
}
