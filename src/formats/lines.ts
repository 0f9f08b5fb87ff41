/**
 * The one reader of text files omo takes in, beside the CSV reader (./csv.ts, which opens files through here): a file
 * is gunzipped when it starts with the gzip magic number (whatever its name), a UTF-8 BOM is skipped, and a gzip
 * stream cut short fails the whole file with a {@link TruncatedInputError} at the line it reached. Every JSON Lines
 * reader (imports, the ClickHouse load's staging, the local Hub server's seed data) and every whole-file JSON reader
 * (JSON documents, usage scrapes, LiteLLM tables) goes through here.
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import type { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "../errors.js";

/**
 * The input ends early (a gzip stream cut short): the rows before the given line are sound, the one at it is not.
 * Non-strict imports keep the earlier rows and count the cut one as malformed.
 */
export class TruncatedInputError extends InputError {}

/**
 * Turns an error of a stream from {@link openInputStream} into an {@link InputError}: a gzip stream cut short
 * (`Z_BUF_ERROR`) becomes a {@link TruncatedInputError} at `line` (the record being read), other zlib failures
 * "not a valid gzip stream".
 */
export function streamFailure(err: unknown, file: string, line: number): Error {
  if (err instanceof InputError) return err;
  const code = (err as NodeJS.ErrnoException).code;
  if (code === "Z_BUF_ERROR") {
    return new TruncatedInputError("truncated: the gzip stream ends early (unexpected end of file)", { file, line });
  }
  if (typeof code === "string" && code.startsWith("Z_")) {
    return new InputError(`not a valid gzip stream: ${(err as Error).message}`, { file, line });
  }
  return err instanceof Error ? err : new Error(String(err));
}

/** True when the bytes start with the gzip magic number `1f 8b`. */
export function isGzipMagic(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The first `bytes` bytes of a file (fewer when it is shorter); a file that cannot be opened → {@link InputError}. */
export async function readHead(path: string, bytes: number): Promise<Buffer> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, "r");
  } catch (err) {
    throw new InputError(`cannot open: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, {
      file: path,
    });
  }
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Opens a file as a byte stream, gunzipping it when it starts with the gzip magic (whatever its name). A truncated
 * gzip stream emits what it holds, then fails with code `Z_BUF_ERROR` ("unexpected end of file").
 */
export async function openInputStream(path: string): Promise<Readable> {
  const head = await readHead(path, 2);
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (!isGzipMagic(head)) return raw;
  const gunzip = createGunzip({ chunkSize: 1 << 18 });
  raw.on("error", (err) => gunzip.destroy(err));
  return raw.pipe(gunzip);
}

/**
 * A whole text file (gzip or not, a UTF-8 BOM skipped), for files parsed whole (JSON documents). A gzip stream cut
 * short → a {@link TruncatedInputError}, other gzip failures an {@link InputError}.
 */
export async function readText(path: string): Promise<string> {
  const stream = await openInputStream(path);
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk as Buffer);
  } catch (err) {
    throw streamFailure(err, path, 1);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * A whole JSON file (gzip or not, through {@link readText}), parsed; text that is not JSON → {@link InputError}
 * "not JSON" with `JSON.parse`'s first line. (Imports, which name the line of the syntax error, use
 * `readJsonValue` in src/ingest/import/json-docs.ts.)
 */
export async function readJsonFile(file: string): Promise<unknown> {
  const text = await readText(file);
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new InputError(`not JSON: ${(err as Error).message.split("\n")[0]}`, { file });
  }
}

/** A line of text and its 1-based number; `last` = the final line, not ended by a newline. */
export interface TextLine {
  line: number;
  text: string;
  last: boolean;
}

/**
 * Lines of a (possibly gzipped) text file, a batch per chunk read (per-line async iteration costs more than parsing
 * does). Lines end at `\n` (a `\r` before it stays in the text); a UTF-8 BOM is skipped. A gzip stream cut short ends
 * with a {@link TruncatedInputError} at the line it cut (or the one after the last whole line).
 */
export async function* readLineBatches(path: string): AsyncGenerator<TextLine[]> {
  const stream = await openInputStream(path);
  stream.setEncoding("utf8");
  let pending = "";
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let text = pending + chunk;
      if (line === 0 && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let start = 0;
      const batch: TextLine[] = [];
      for (let nl = text.indexOf("\n", start); nl >= 0; nl = text.indexOf("\n", start)) {
        line++;
        batch.push({ line, text: text.slice(start, nl), last: false });
        start = nl + 1;
      }
      pending = text.slice(start);
      if (batch.length > 0) yield batch;
    }
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "Z_BUF_ERROR") throw streamFailure(err, path, line + 1);
    const cut = pending.trim() !== "";
    throw new TruncatedInputError(
      cut
        ? "truncated: the gzip stream ends inside this line (unexpected end of file)"
        : `truncated: the gzip stream ends early after line ${line} (unexpected end of file)`,
      { file: path, line: line + 1 },
    );
  }
  if (pending !== "") yield [{ line: line + 1, text: pending, last: true }];
}

/**
 * One non-blank line of a JSON Lines file: its parsed value, or why it is not JSON (`JSON.parse`'s message) and
 * whether it is the last line with no newline after it (a file cut short, most likely).
 */
export type JsonLine =
  | { line: number; value: unknown; error?: undefined }
  | { line: number; error: string; last: boolean; value?: undefined };

/**
 * The records of a JSON Lines file (`.jsonl`, `.ndjson`, gzip or not), in batches as {@link readLineBatches} reads
 * them; blank lines are skipped, a line that is not JSON is handed on with its error for the caller to judge.
 */
export async function* readJsonLineBatches(path: string): AsyncGenerator<JsonLine[]> {
  for await (const lines of readLineBatches(path)) {
    const batch: JsonLine[] = [];
    for (const { line, text, last } of lines) {
      if (text.trim() === "") continue;
      try {
        batch.push({ line, value: JSON.parse(text) });
      } catch (err) {
        batch.push({ line, error: (err as Error).message, last });
      }
    }
    yield batch;
  }
}
