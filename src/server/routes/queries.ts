/** `/api/queries`: every catalog query with its parameters (JSON schema) and SQL, "how is this computed?". */
import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { CatalogQuery } from "../../queries/catalog.js";
import { CATALOG } from "../../queries/index.js";
import { notFound, type ServerContext } from "../context.js";
import { getRoute } from "../http.js";

/** The catalog the API documents: the shared CATALOG (the same the CLI's `omo queries` lists). */
export function apiCatalog(): Record<string, CatalogQuery<unknown, unknown>> {
  return { ...CATALOG };
}

/** One query as the API describes it. */
export function describeQuery(q: CatalogQuery<unknown, unknown>) {
  let params: unknown;
  try {
    params = z.toJSONSchema(q.params as z.ZodType, { io: "input", unrepresentable: "any" });
  } catch {
    params = null;
  }
  return { name: q.name, description: q.description, params, sql: q.sql.duckdb };
}

/** Registers the routes. */
export async function queryRoutes(app: FastifyInstance, ctx: ServerContext): Promise<void> {
  const catalog = apiCatalog();
  const described = Object.values(catalog)
    .map(describeQuery)
    .sort((a, b) => a.name.localeCompare(b.name));
  getRoute(
    app,
    ctx,
    "/api/queries",
    { summary: "Every catalog query: name, description, parameters (JSON schema) and SQL", tags: ["meta"], csv: true },
    async () => ({
      dataAsOf: ctx.version.date,
      body: { queries: described },
      rows: described.map((d) => ({ name: d.name, description: d.description, sql: d.sql })),
    }),
  );
  getRoute(
    app,
    ctx,
    "/api/queries/:name",
    {
      summary: "One catalog query: name, description, parameters (JSON schema) and SQL",
      tags: ["meta"],
      params: { name: z.string().min(1).max(100) },
    },
    async (req) => {
      const name = req.params.name;
      const q = described.find((d) => d.name === name);
      if (!q) throw notFound(`unknown query "${name.slice(0, 100)}"`);
      return { dataAsOf: ctx.version.date, body: q };
    },
  );
}
