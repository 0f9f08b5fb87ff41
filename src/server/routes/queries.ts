/**
 * `/api/queries`: every catalog query with its parameters (JSON schema), cache hint and SQL — the SQL of the store this
 * server answers from ("how is this computed?"); `/api/queries/NAME?params={…}` also binds the given parameters and
 * returns the SQL as it runs on that store.
 */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { InputError } from "../../errors.js";
import type { CatalogQuery } from "../../queries/catalog.js";
import { CATALOG } from "../../queries/index.js";
import { dialectOf, querySql, type SqlDialect } from "../../store/query-sql.js";
import { badParam, notFound, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";

/** The catalog the API documents: the shared CATALOG (the same the CLI's `omo queries` lists). */
export function apiCatalog(): Record<string, CatalogQuery<unknown, unknown>> {
  return { ...CATALOG };
}

/** One query as the API describes it, with the SQL of `dialect` (the served store's). */
export function describeQuery(q: CatalogQuery<unknown, unknown>, dialect: SqlDialect = { kind: "duckdb" }) {
  let params: unknown;
  try {
    params = z.toJSONSchema(q.params as z.ZodType, { io: "input", unrepresentable: "any" });
  } catch {
    params = null;
  }
  return {
    name: q.name,
    description: q.description,
    params,
    cache: q.cache,
    dialect: dialect.kind,
    sql: querySql(q, dialect).sql,
    sqlByDialect: { duckdb: q.sql.duckdb, clickhouse: q.sql.clickhouse ?? null },
  };
}

/** The dialect of the served store (a store whose location names none reads as DuckDB). */
function servedDialect(ctx: ServerContext): SqlDialect {
  try {
    return dialectOf(ctx.store.location);
  } catch {
    return { kind: "duckdb" };
  }
}

/** Registers the routes. */
export async function queryRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const catalog = apiCatalog();
  const dialect = servedDialect(ctx);
  const described = Object.values(catalog)
    .map((q) => describeQuery(q, dialect))
    .sort((a, b) => a.name.localeCompare(b.name));
  getRoute(
    app,
    ctx,
    "/api/queries",
    {
      summary:
        "Every catalog query: name, description, parameters (JSON schema), cache hint and the SQL of the store this server answers from",
      tags: ["meta"],
      csv: true,
    },
    async () => ({
      dataAsOf: ctx.version.date,
      body: { dialect: dialect.kind, queries: described },
      rows: described.map((d) => ({ name: d.name, description: d.description, cache: d.cache, sql: d.sql })),
    }),
  );
  getRoute(
    app,
    ctx,
    "/api/queries/:name",
    {
      summary:
        "One catalog query: name, description, parameters (JSON schema), cache hint and SQL; with params (a JSON object of the query's parameters) also the values bound and the SQL as it runs on this server's store",
      tags: ["meta"],
      params: { name: z.string().min(1).max(100) },
      querystring: {
        params: z
          .string()
          .max(20_000)
          .optional()
          .describe('the query\'s parameters as a JSON object, e.g. {"author":"lmsys","match":"vicuna"}'),
      },
    },
    async (req) => {
      const name = req.params.name;
      const d = described.find((x) => x.name === name);
      const q = catalog[name];
      if (!d || !q) throw notFound(`unknown query "${name.slice(0, 100)}"`);
      const given = req.query.params;
      if (given === undefined) return { dataAsOf: ctx.version.date, body: d };
      let values: unknown;
      try {
        values = JSON.parse(given);
      } catch {
        throw badParam("params", "params: not JSON (expected an object of the query's parameters)");
      }
      if (values === null || typeof values !== "object" || Array.isArray(values))
        throw badParam("params", "params: expected a JSON object of the query's parameters");
      try {
        const run = querySql(q, dialect, values as Record<string, unknown>);
        return { dataAsOf: ctx.version.date, body: { ...d, values: run.values, bound: run.bound, notes: run.notes } };
      } catch (err) {
        if (err instanceof InputError) {
          const field = err.location.field;
          throw badParam(field ? `params.${field}` : "params", err.message);
        }
        throw err;
      }
    },
  );
}
