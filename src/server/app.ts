/**
 * The read-only JSON API, badges and docs over a store: `buildApp` returns a Fastify instance that is not listening
 * yet (`omo serve` listens; tests listen on port 0). Every number comes from the named catalog queries the CLI
 * runs. OpenAPI 3 at `/openapi.json`, human docs at `/docs`.
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Watchlist } from "../alerts/watchlist.js";
import { type Family, loadFamilies } from "../domain/families.js";
import { wholeNumberFromEnv } from "../env.js";
import { type LiveStore, openLive } from "../store/live.js";
import type { Store } from "../store/store.js";
import { ApiError, ServerContext, type StoreWriter } from "./context.js";
import { adminRoutes } from "./routes/admin.js";
import { badgeRoutes } from "./routes/badges.js";
import { compareRoutes } from "./routes/compare.js";
import { concentrationRoutes } from "./routes/concentration.js";
import { costRoutes } from "./routes/cost.js";
import { costOptionsRoutes } from "./routes/cost-options.js";
import { dataRoutes } from "./routes/data.js";
import { registerEmbedRoutes } from "./routes/embed.js";
import { facetsRoutes } from "./routes/facets.js";
import { familyRoutes } from "./routes/families.js";
import { feedRoutes } from "./routes/feeds.js";
import { leaderboardGapRoutes } from "./routes/leaderboard-gap.js";
import { leaderboardMatchesRoutes } from "./routes/leaderboard-matches.js";
import { leaderboardModelsRoutes } from "./routes/leaderboard-models.js";
import { leaderboardMonthsBehindRoutes } from "./routes/leaderboard-months-behind.js";
import { leaderboardListRoutes } from "./routes/leaderboards.js";
import { modelLineageRoutes } from "./routes/model-lineage.js";
import { opennessRoutes } from "./routes/openness.js";
import { orgRoutes } from "./routes/orgs.js";
import { queryRoutes } from "./routes/queries.js";
import { reportRoutes } from "./routes/report.js";
import { usageExplainRoutes } from "./routes/usage-explain.js";
import { usageMatchesRoutes } from "./routes/usage-matches.js";
import { usageModelsRoutes } from "./routes/usage-models.js";
import { usageShareRoutes } from "./routes/usage-share.js";
import { usageSignalsRoutes } from "./routes/usage-signals.js";
import { registerSecurity } from "./security.js";
import { validationAnswer } from "./validation.js";

/** The dashboard the package builds (`dist/web`), when it has been built. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../dist/web/", import.meta.url));

/** A module of routes: registers its routes on the app with the shared context. */
export type RouteModule = (app: FastifyInstance, ctx: ServerContext) => Promise<void> | void;

/**
 * The route modules, in registration order. The seam where other surfaces plug in: a module is a function
 * `(app, ctx) => void` (see {@link RouteModule}); add it here.
 */
export const ROUTES: RouteModule[] = [
  dataRoutes,
  modelLineageRoutes,
  orgRoutes,
  concentrationRoutes,
  facetsRoutes,
  familyRoutes,
  compareRoutes,
  queryRoutes,
  badgeRoutes,
  opennessRoutes,
  costRoutes,
  costOptionsRoutes,
  reportRoutes,
  // token usage on OpenRouter (issue 17)
  usageShareRoutes,
  usageModelsRoutes,
  usageMatchesRoutes,
  usageExplainRoutes,
  usageSignalsRoutes,
  leaderboardListRoutes,
  leaderboardGapRoutes,
  leaderboardMonthsBehindRoutes,
  leaderboardModelsRoutes,
  leaderboardMatchesRoutes,
  feedRoutes,
  // chart embeds (`/embed/compare.svg`, src/server/routes/embed.ts, owned by the dashboard)
  registerEmbedRoutes,
];

/** Options of {@link buildApp}. */
export interface AppOptions {
  /** The store routes read (a {@link LiveStore} follows its file as writers swap new ones in). */
  store: Store | LiveStore;
  /** How the server writes (admin ingest, `serve --watch`); default: on `store` itself. */
  write?: StoreWriter;
  /** Spool folder for crawls the server starts (default: a temporary folder). */
  spoolDir?: string;
  /** The family registry (default: the shipped `data/families`). */
  families?: Family[];
  /** Enables `/api/admin/*` (default: `OMO_ADMIN_TOKEN`); without a token those routes answer 404. */
  adminToken?: string;
  /** A built dashboard folder served at `/`; without one `/` answers a JSON index of the routes. */
  webRoot?: string | null;
  /** Fastify request logging (default off). */
  logger?: boolean;
  /** Requests per minute per IP (default 600, or `OMO_RATE_LIMIT`: 0 turns the limit off); `false` disables the limit. */
  rateLimit?: number | false;
  /** Watchlists published as Atom feeds at `/feeds/watchlist/{name}.atom`. */
  watchlists?: Watchlist[];
  /** Today's UTC date `YYYY-MM-DD`, for answers that read it (cache hint `day`); default the system clock. */
  today?: () => string;
}

/** Swagger UI at /docs: a link back to the dashboard above the API reference. */
const DOCS_THEME = {
  title: "omo API",
  js: [
    {
      filename: "omo-back.js",
      content: `window.addEventListener("DOMContentLoaded", function () {
  var p = document.createElement("p");
  p.className = "omo-back";
  var a = document.createElement("a");
  a.href = "/#/";
  a.textContent = "\u2190 Back to the dashboard";
  p.appendChild(a);
  document.body.insertBefore(p, document.body.firstChild);
});`,
    },
  ],
  css: [
    {
      filename: "omo-back.css",
      content:
        ".omo-back{margin:0;padding:10px 20px;font:15px system-ui,sans-serif;background:#f6f8fa;border-bottom:1px solid #d1d9e0}.omo-back a{color:#2563eb;text-decoration:none}",
    },
  ],
};

/** Largest request body accepted (the only body is the admin ingest request). */
export const BODY_LIMIT = 16 * 1024;

/** Builds the app (routes registered, plugins ready), without listening. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const families = opts.families ?? (await loadFamilies());
  // a store opened read-only is followed: what writers swap in is served without a restart
  const given = opts.store;
  const owned = !("sync" in given) && given.readOnly ? await openLive(given.location) : null;
  const ctx = new ServerContext(owned ?? given, families, { write: opts.write, spoolDir: opts.spoolDir });
  ctx.watchlists = opts.watchlists ?? [];
  if (opts.today) ctx.today = opts.today;
  await ctx.refresh();
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 500 },
    frameworkErrors: (err, _req, reply) => {
      const r = reply as unknown as FastifyReply;
      if (ctx.version.date) r.header("X-Data-As-Of", ctx.version.date);
      r.code(400).send({ error: `bad request: ${err.message.slice(0, 300)}` });
    },
  });
  // one validation layer: routes declare zod schemas, which validate requests and make the OpenAPI document
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err: FastifyError | ApiError, req, reply) => {
    // errors are not cacheable answers
    reply.removeHeader("ETag");
    reply.header("Cache-Control", "no-store");
    if (err instanceof ApiError) {
      return reply
        .code(err.status)
        .send({ error: err.message, ...(err.param ? { param: err.param } : {}), ...(err.extra ?? {}) });
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      return reply.code(400).send(validationAnswer(fe.validation[0] ?? {}, fe.validationContext, req.query));
    }
    const status = fe.statusCode ?? 500;
    if (status >= 400 && status < 500) return reply.code(status).send({ error: fe.message });
    req.log.error(err);
    return reply.code(500).send({ error: "internal error" });
  });
  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send({ error: `no route ${req.method} ${req.url.split("?")[0]?.slice(0, 200)}` });
  });
  app.addHook("onRequest", async (_req, reply) => {
    await ctx.sync();
    const date = ctx.version.date;
    if (date) reply.header("X-Data-As-Of", date);
  });

  await registerSecurity(app);

  const limit = opts.rateLimit ?? wholeNumberFromEnv("OMO_RATE_LIMIT", 600, { unit: "requests a minute" });
  if (limit !== false && limit > 0) {
    await app.register(rateLimit, {
      max: limit,
      timeWindow: "1 minute",
      errorResponseBuilder: (_req, c) => ({
        statusCode: 429,
        error: `rate limit exceeded: ${c.max} requests per ${c.after}`,
        message: `rate limit exceeded: ${c.max} requests per ${c.after}`,
      }),
    });
  }

  // the bearer scheme (and Swagger UI's Authorize button) only when a route needs it: the admin routes, with a token
  const adminToken = opts.adminToken ?? process.env.OMO_ADMIN_TOKEN ?? undefined;
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Open Model Observatory API",
        description:
          "Adoption of open AI models from Hugging Face Hub statistics. Every number comes from a named catalog query (see /api/queries); answers carry X-Data-As-Of and `dataAsOf`; list routes export CSV with ?format=csv.",
        version: "0.1.0",
      },
      ...(adminToken ? { components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } } } : {}),
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/docs", theme: DOCS_THEME });

  for (const register of ROUTES) await register(app, ctx);
  await adminRoutes(app, ctx, adminToken);

  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const webRoot = opts.webRoot ?? null;
  if (webRoot && existsSync(webRoot)) {
    await app.register(fastifyStatic, { root: path.resolve(webRoot), prefix: "/", wildcard: true });
  } else {
    app.get("/", { schema: { hide: true } }, async () => ({
      name: "Open Model Observatory API",
      dataAsOf: ctx.version.date,
      docs: "/docs",
      openapi: "/openapi.json",
      routes: app
        .printRoutes({ commonPrefix: false })
        .split("\n")
        .map((l) => l.replace(/^[\s│├└─]+/, "").replace(/ \(.*\)$/, ""))
        .filter((l) => l.startsWith("/api") || l.startsWith("/badge")),
    }));
  }
  if (owned) app.addHook("onClose", async () => owned.close());
  await app.ready();
  return app;
}
