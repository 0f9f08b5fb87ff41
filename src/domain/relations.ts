/**
 * The one set of human labels for lineage relations, shared by the CLI (`omo model`, `omo family --explain/--tree`),
 * the dashboard and the English report. The machine values (`finetune`, `adapter`, `quantized`, `merge`, `unknown`,
 * `reupload`) stay what the store, the API parameters and the JSON answers carry; only what people read is labelled
 * here.
 */

/**
 * Relations a base-model link can have: the four the Hub states (`base_model:RELATION:X`, `base_model_relation`),
 * `unknown` (the untyped `base_model:X` tag form of July 2024), and `reupload` (omo's name rule for re-uploaders'
 * repos without any lineage tag, data/reuploaders.yaml).
 */
export const RELATION_VALUES = ["finetune", "adapter", "quantized", "merge", "unknown", "reupload"] as const;

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
  reupload: "re-upload (name rule)",
};

/** One sentence explaining the untyped relation, shown next to it. */
export const UNTYPED_NOTE =
  "“untyped link” = the tag form base_model:X (the July-2024 listing), which names the base model but not how the repo was derived from it.";

/** The label of a relation value; an unexpected value is shown as it is. */
export function relationLabel(relation: string | null | undefined): string {
  if (relation === null || relation === undefined || relation === "") return "";
  return (RELATION_LABELS as Record<string, string>)[relation] ?? relation;
}
