/**
 * The catalog queries a piece of work ran (an API request): the served store records each query it answers in the
 * log of the async context that asked, so a route knows, after the fact, what its answer was computed from — e.g.
 * whether it read today's date (a query with cache hint `day`), which keys the response cache.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CatalogQuery } from "../queries/catalog.js";

const log = new AsyncLocalStorage<Set<CatalogQuery<unknown, unknown>>>();

/** Notes that `query` ran, in the log of the current async context (if any). */
export function recordQuery<P, R>(query: CatalogQuery<P, R>): void {
  log.getStore()?.add(query as CatalogQuery<unknown, unknown>);
}

/** Runs `fn` with a fresh log; returns its result and the queries it ran (nested logs do not see each other). */
export async function withQueryLog<T>(
  fn: () => Promise<T>,
): Promise<{ result: T; queries: ReadonlySet<CatalogQuery<unknown, unknown>> }> {
  const queries = new Set<CatalogQuery<unknown, unknown>>();
  const result = await log.run(queries, fn);
  return { result, queries };
}
