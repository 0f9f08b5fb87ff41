/** What every command shares: global options, the store, and writing output. */
import type { Command } from "commander";
import type { AnswerContext } from "../answers/bodies.js";
import type { Family } from "../domain/families.js";
import { InputError } from "../errors.js";
import { openStore, resolveLocation, writeStore } from "../store/open.js";
import type { Store } from "../store/store.js";
import { type Column, csv, type OutputFormat, table } from "./output.js";

/** Global options (on the root command). */
export interface GlobalOptions {
  db?: string;
  store?: string;
  json?: boolean;
  csv?: boolean;
  debug?: boolean;
}

/** The output format the global flags select. */
export function outputFormat(cmd: Command): OutputFormat {
  const o = cmd.optsWithGlobals() as GlobalOptions;
  return o.json ? "json" : o.csv ? "csv" : "table";
}

/**
 * Opens the store named by `--store` / `--db` / `OMO_STORE` / `OMO_DB` / default for reading, runs `fn`, and always
 * closes it. A DuckDB file is opened read-only: any number of readers and `omo serve` share it.
 */
export async function withStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const o = cmd.optsWithGlobals() as GlobalOptions;
  const store = await openStore(resolveLocation(o));
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/**
 * Runs `fn` with the store open for writing (a DuckDB file: on a copy swapped in when `fn` succeeds, under the store's
 * write lock, waiting for another writer with a message). Nothing is visible when `fn` fails.
 */
export function withWriteStore<T>(cmd: Command, fn: (store: Store) => Promise<T>): Promise<T> {
  const o = cmd.optsWithGlobals() as GlobalOptions;
  return writeStore(resolveLocation(o), fn, { onWait: (m) => process.stderr.write(`${m}\n`) });
}

/** Prints rows in the chosen format; `json` may be replaced by a richer object. */
export function emit(
  cmd: Command,
  rows: Record<string, unknown>[],
  opts: { columns?: Column[]; json?: unknown; title?: string; footer?: string } = {},
): void {
  const fmt = outputFormat(cmd);
  if (fmt === "json") process.stdout.write(`${JSON.stringify(opts.json ?? rows, null, 2)}\n`);
  else if (fmt === "csv") process.stdout.write(`${csv(rows)}\n`);
  else {
    const parts = [opts.title, table(rows, opts.columns), opts.footer].filter((p): p is string => Boolean(p));
    process.stdout.write(`${parts.join("\n\n")}\n`);
  }
}

/** The CLI's {@link AnswerContext}: queries run on the store; unknown ids are one-line input errors. */
export function answerContext(store: Store, families: readonly Family[]): AnswerContext {
  return {
    families,
    query: (q, params) => store.query(q, params),
    notFound: (message) => new InputError(message),
  };
}
