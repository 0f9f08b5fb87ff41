/**
 * `omo prices import PATH`: the price tables omo reads, recognised by their content — a LiteLLM
 * `model_prices_and_context_window.json` (plain or .gz; dated by its `last_updated`) or Portkey `pricing/<provider>.json`
 * files (a folder of them at once; they carry no date, so the import needs `--as-of`).
 */
import path from "node:path";
import { filesAt } from "../domain/data-files.js";
import { InputError } from "../errors.js";
import { readJsonFile } from "../formats/lines.js";
import type { PriceRow } from "../store/store.js";
import { parseLiteLlm } from "./litellm-prices.js";
import { isPortkeyDocument, parsePortkey } from "./portkey-prices.js";

/** One price file read: its rows and what was skipped. */
export interface PriceFile {
  kind: "litellm" | "portkey";
  file: string;
  /** `litellm:<file name>` or `portkey:<file name>`: the source the rows are stored under. */
  source: string;
  rows: PriceRow[];
  /** The date the file gives its prices (LiteLLM `last_updated`), if any. */
  lastUpdated: string | null;
  /** LiteLLM entries of other modes (embedding, images…). */
  otherModes: number;
  /** Entries without both token prices. */
  unpriced: number;
  malformed: Array<{ key: string; problem: string }>;
}

/** Reads one price file, recognising its kind. */
export async function readPriceFile(file: string): Promise<PriceFile> {
  const doc = await readJsonFile(file);
  const name = path.basename(file);
  if (isPortkeyDocument(doc)) {
    const t = parsePortkey(doc, file);
    return {
      kind: "portkey",
      file,
      source: `portkey:${name}`,
      rows: t.rows,
      lastUpdated: null,
      otherModes: 0,
      unpriced: t.unpriced,
      malformed: t.malformed,
    };
  }
  const t = parseLiteLlm(doc, file);
  return { kind: "litellm", file, source: `litellm:${name}`, ...t };
}

/** The files a path names: the file itself, or the `*.json` / `*.json.gz` files of a folder, sorted. */
export async function priceFilesAt(p: string): Promise<string[]> {
  const files = await filesAt(p, /\.json(?:\.gz)?$/i, "price file");
  if (files.length === 0) throw new InputError("no .json price files in this folder", { file: p });
  return files;
}
