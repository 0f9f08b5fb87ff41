/**
 * Rebuilds data/sample/models-2024-07-11.jsonl.gz from ../shared (see data/sample/README.md):
 * the lines of the full 2024-07-11 Hub listing that are in the top 5,000 by downloads, belong to one of the
 * sample organisations, or name an official Llama-2 repo in a base_model tag; unchanged, in file order.
 * Usage: npx tsx scripts/make-sample.ts [SHARED_DIR]
 */
import { createReadStream, createWriteStream } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGunzip, createGzip } from "node:zlib";

const shared = process.argv[2] ?? process.env.OMO_SHARED_DIR ?? path.resolve(import.meta.dirname, "../../shared");
const input = path.join(shared, "data/hub/2024-07-11/models.jsonl.gz");
const output = path.resolve(import.meta.dirname, "../data/sample/models-2024-07-11.jsonl.gz");

/** Organisations kept whole. */
export const SAMPLE_AUTHORS = new Set([
  "meta-llama",
  "lmsys",
  "mistralai",
  "TheBloke",
  "tiiuae",
  "Qwen",
  "mosaicml",
  "google",
  "microsoft",
  "bigscience",
  "stabilityai",
  "openai",
  "deepseek-ai",
]);
const TOP = 5000;
const LLAMA2 = /^base_model:meta-llama\/Llama-2-/i;

async function* pick(): AsyncGenerator<string> {
  const rl = createInterface({
    input: createReadStream(input).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let n = 0;
  for await (const line of rl) {
    n += 1;
    const o = JSON.parse(line) as { id: string; tags?: string[] };
    const author = o.id.split("/")[0] ?? "";
    if (n <= TOP || SAMPLE_AUTHORS.has(author) || (o.tags ?? []).some((t) => LLAMA2.test(t))) yield `${line}\n`;
  }
}

await pipeline(Readable.from(pick()), createGzip({ level: 9 }), createWriteStream(output));
process.stdout.write(`wrote ${output}\n`);
