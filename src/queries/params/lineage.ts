/**
 * Catalog entries about one model's lineage: its direct derivatives (children through base-model links) listed at a
 * snapshot, grouped by relation or ranked by downloads, the ones first seen after a date (new derivatives, for
 * alerts and feeds), and the parents of a set of models (the upward walk that finds a model's family).
 *
 * A child linked to the same parent by several sources (a `base_model:X` tag and a typed `base_model:finetune:X`
 * tag, cardData…) counts once, with the typed relation when one source gives it (the smallest typed relation by
 * name when sources disagree), else `unknown`.
 */
import { z } from "zod";
import { RELATIONS } from "../params/families.js";

export const Relation = z.enum(RELATIONS).nullable().default(null);
