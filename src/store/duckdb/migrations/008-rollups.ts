/**
 * Migration 008 (issue 15): per-snapshot roll-ups, written at load, so the dashboard's openness-by-class,
 * concentration, top-org-shares and top-model-shares read a few hundred rows per date instead of every model.
 *
 * What the answers need, and so what is kept (src/store/duckdb/rollup-sql.ts has the statements):
 * - openness by class: per (date, stored licence tag, gating category) repos and downloads; the class comes from
 *   `licence_class` and `model_card_licence` when read, so `omo openness` refreshing data/licences.yaml or
 *   `omo ingest --details` storing card licences needs no rebuild (the dominant model is named by top-models);
 * - concentration and top-org-shares: per (date, lower-cased author) the repos with a 30-day count, their downloads
 *   and the organisation's spelling (min(author));
 * - concentration and top-model-shares: per date the models with the 10,000 largest 30-day counts (ties included),
 *   by `mid`, so the dominant model is still named (its id and author read from `model`).
 * Built once here for the snapshots already stored; each load rebuilds the dates it writes and moves the models whose
 * licence, gating or author it changed on every other date, inside its transaction.
 */
import { CREATE_ROLLUPS, REBUILD_ALL_ROLLUPS } from "../rollup-sql.js";

export const sql = `${CREATE_ROLLUPS}
${REBUILD_ALL_ROLLUPS.join(";\n")};
`;
