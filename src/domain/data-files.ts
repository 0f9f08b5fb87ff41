/** Reading the reviewed data files under `data/` (families, aliases, licences, closed models, evidence, presets). */
import { readdir, readFile, stat } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../errors.js";

/** The text of a data file, or an InputError naming it (`what` says which file it is, e.g. "the licence file"). */
export async function readDataFile(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch {
    throw new InputError(`cannot read ${what}`, { file });
  }
}

/**
 * The files a path names: the file itself, or the files of a folder whose names match `pattern`, sorted. An
 * InputError names the path when there is nothing there (`what` says what was looked for, e.g. "family file").
 */
export async function filesAt(p: string, pattern: RegExp, what: string): Promise<string[]> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(p);
  } catch {
    throw new InputError(`no such ${what} or folder`, { file: p });
  }
  if (!info.isDirectory()) return [p];
  return (await readdir(p))
    .filter((e) => pattern.test(e))
    .sort()
    .map((e) => path.join(p, e));
}
