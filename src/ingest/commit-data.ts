/**
 * What every load commits besides its rows (`omo import`, `omo ingest`, `omo watch`, `omo store copy`): the legacy
 * id aliases (data/aliases.yaml), the licence map (data/licences.yaml) and the re-upload rule
 * (data/reuploaders.yaml with the family registry).
 */
import { loadAliases } from "../domain/aliases.js";
import { licenceRows, loadLicences } from "../domain/licences.js";
import { loadReuploadLinker } from "../domain/reuploads.js";
import type { CommitOptions } from "../store/store.js";

/** The shipped aliases, licence map and re-upload rule, as a commit takes them. */
export async function commitData(): Promise<Required<Pick<CommitOptions, "aliases" | "licences" | "reuploads">>> {
  return {
    aliases: await loadAliases(),
    licences: licenceRows(await loadLicences()),
    reuploads: await loadReuploadLinker(),
  };
}
