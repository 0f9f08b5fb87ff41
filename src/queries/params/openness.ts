/**
 * Catalog entries about openness: downloads by licence class (data/licences.yaml, stored as `licence_class`), over
 * one snapshot or every snapshot, and licence drift between derivatives and their base models. A model's class is
 * that of its stored licence (`model.license`: the first `license:` tag, else cardData.license) compared
 * lower-cased; no licence, or a tag not in the map, is `unknown`. Licences are the latest known metadata.
 */
import { z } from "zod";
import { DepthParam, RelationsParam } from "../params/families.js";

export const optText = z.string().min(1).max(200).nullable().default(null);

/** Optional family scope: the official pattern of a family (null = every model) and how far lineage is followed. */
export const FamilyScope = {
  official: z.string().min(1).max(4000).nullable().default(null),
  relations: RelationsParam,
  depth: DepthParam,
};
