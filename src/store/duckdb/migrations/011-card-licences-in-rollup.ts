/**
 * Migration 011 (issue 15): the licence roll-up (migration 008) groups repos tagged other/unknown or untagged whose
 * model card names their licence under `name:` + that name — the key `licence_class` maps, so classes are still
 * applied when read — instead of openness-by-class moving them at every read; card licences stored later move their
 * repos in the roll-up (`saveCardLicences`). Rebuilt here for every stored date.
 */
import { REBUILD_LICENCE_ROLLUP } from "../rollup-sql.js";

export const sql = `${REBUILD_LICENCE_ROLLUP.join(";\n")};
`;
