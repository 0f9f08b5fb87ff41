/** Reading the reviewed data files under `data/` (families, aliases, licences, closed models, evidence, presets). */
import { readFile } from "node:fs/promises";
import { InputError } from "../errors.js";

/** The text of a data file, or an InputError naming it (`what` says which file it is, e.g. "the licence file"). */
export async function readDataFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new InputError(`cannot read ${what}`, { file });
  }
}
