/**
 * How API routes answer: cached GET routes (ETag, 304, Cache-Control, X-Data-As-Of, `dataAsOf` in the body, CSV
 * with `?format=csv`) whose parameters are zod schemas, validated by fastify-type-provider-zod and documented in the
 * OpenAPI document from the same schemas. A route whose answers are not JSON (the SVG embed) can answer its 400s in
 * its own format.
 */
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifySchema,
  FastifySchemaCompiler,
} from "fastify";
import { validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import { toCsv } from "../formats/csv.js";
import { withQueryLog } from "../store/query-log.js";
import type { ServerContext } from "./context.js";
import { Format } from "./params.js";
import { validationAnswer } from "./validation.js";

/** A JSON answer: the body (an object; `dataAsOf` is added first) and, for CSV export, its main list. */
export interface JsonResult {
  dataAsOf: string | null;
  body: Record<string, unknown>;
  /** The table `?format=csv` exports (list routes and the main list of object routes). */
  rows?: ReadonlyArray<Record<string, unknown>>;
}

/**
 * A non-JSON answer (SVG badges and embeds). Only status 200 answers are cached; others are sent `no-store`, as the
 * API's errors are.
 */
export interface RawResult {
  dataAsOf: string | null;
  raw: string;
  contentType: string;
  status?: number;
}

/** What a route handler returns. */
export type RouteResult = JsonResult | RawResult;

/** A zod object shape: parameter name → zod type. */
export type Shape = Record<string, z.ZodType>;

/** A request whose query and path parameters are the validated (coerced, defaulted) values of the route's schemas. */
export type RouteRequest<QS extends Shape, PS extends Shape> = FastifyRequest<RouteGeneric<QS, PS>>;

/** The shape of a route without query or path parameters. */
type NoParams = Record<string, never>;

/** The route generic of a route with these query and path parameters. */
type RouteGeneric<QS extends Shape, PS extends Shape> = {
  Querystring: z.output<z.ZodObject<QS>>;
  Params: z.output<z.ZodObject<PS>>;
};

/** Options of {@link getRoute}. */
export interface GetRouteOptions<QS extends Shape, PS extends Shape> {
  summary: string;
  description?: string;
  tags?: string[];
  /** Path parameters (all required). */
  params?: PS;
  /** Query parameters (`.optional()` or `.default()` unless required). */
  querystring?: QS;
  /** Whether `?format=csv` exports the route's list. */
  csv?: boolean;
  /** How long clients and proxies may keep an answer, in seconds (default 300). */
  maxAge?: number;
  /**
   * The 400 answer of a request that does not fit the schemas, for routes that answer in another format than JSON
   * (given the API's one-line message and the request as it came); default: the API's JSON error.
   */
  invalidAnswer?: (error: string, req: FastifyRequest) => RawResult;
}

/**
 * The query schema of a route: its parameters, `format` when it exports CSV, and a `from` no later than `to`
 * (dates are checked field by field first).
 */
function querySchema(shape: Shape, csv: boolean) {
  return z.object({ ...shape, ...(csv ? { format: Format } : {}) }).superRefine((q: Record<string, unknown>, c) => {
    const { from, to } = q;
    if (typeof from === "string" && typeof to === "string" && from > to) {
      c.addIssue({
        code: "custom",
        path: ["from"],
        message: `invalid range: from ${from} is after to ${to}`,
        params: { whole: true },
      });
    }
  });
}

function isJson(r: RouteResult): r is JsonResult {
  return (r as JsonResult).body !== undefined;
}

const JSON_TYPE = "application/json; charset=utf-8";
const CSV_TYPE = "text/csv; charset=utf-8";

/** Sends a cached or fresh answer with the data headers. */
function sendAnswer(reply: FastifyReply, status: number, body: string, contentType: string, dataAsOf: string | null) {
  if (dataAsOf) reply.header("X-Data-As-Of", dataAsOf);
  return reply.code(status).type(contentType).send(body);
}

/** The parameters of a parsed query (none when there is no query object). */
function entriesOf(query: unknown): Array<[string, unknown]> {
  return query && typeof query === "object" ? Object.entries(query) : [];
}

/**
 * The question a request asks, written one way: the path and the query parameters after validation (defaults filled
 * in, values coerced), sorted by name. `?limit=5&task=x`, `?task=x&limit=5` and `?task=x` (when 5 is the default)
 * are one question, one cache entry and one ETag.
 */
export function canonicalUrl(url: string, query: unknown): string {
  const path = url.split("?")[0] ?? "";
  const parts = entriesOf(query)
    .filter(([, v]) => v !== undefined && v !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length > 0 ? `${path}?${parts.join("&")}` : path;
}

/**
 * Registers a cached GET route. Its path and query parameters are zod schemas: a request that does not fit answers
 * 400 naming the parameter, and the handler gets the parsed values. The handler runs only on a cache miss; answers
 * are cached per data version and {@link canonicalUrl} — and per UTC day when a query the answer ran has the cache
 * hint `day` (it read today's date) — carry `ETag` (data version + canonical URL [+ day]) and
 * `Cache-Control: public, max-age=300`, and a matching `If-None-Match` gets a 304. JSON bodies get `dataAsOf` first;
 * with `csv`, `?format=csv` answers the result's `rows` as CSV; with `invalidAnswer`, a request that does not fit
 * gets that answer (status 400 unless it says otherwise, not cached).
 */
export function getRoute<QS extends Shape = NoParams, PS extends Shape = NoParams>(
  app: FastifyInstance,
  ctx: ServerContext,
  url: string,
  opts: GetRouteOptions<QS, PS>,
  handler: (req: RouteRequest<QS, PS>) => Promise<RouteResult>,
): void {
  const querystring = querySchema(opts.querystring ?? {}, opts.csv ?? false);
  const schema: FastifySchema = {
    summary: opts.summary,
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.params ? { params: z.object(opts.params) } : {}),
    querystring,
  };
  const invalid = opts.invalidAnswer;
  // a route with its own 400 answer validates with the same compiler (also in an app that did not set it) and is
  // handed the failure instead of the app's error handler
  const routeOptions = invalid
    ? { schema, attachValidation: true, validatorCompiler: validatorCompiler as FastifySchemaCompiler<FastifySchema> }
    : { schema };
  app.get<RouteGeneric<QS, PS>>(url, routeOptions, async (req, reply) => {
    const failed = req.validationError as FastifyError | undefined;
    if (invalid && failed) {
      const { error } = validationAnswer(failed.validation?.[0] ?? {}, failed.validationContext, req.query);
      const answer = invalid(error, req);
      reply.header("Cache-Control", "no-store");
      return sendAnswer(reply, answer.status ?? 400, answer.raw, answer.contentType, answer.dataAsOf);
    }
    const canonical = canonicalUrl(req.url, req.query);
    const key = `${ctx.version.key} ${canonical}`;
    const today = ctx.today();
    // an answer that read today's date (a query with cache hint `day`) is kept for that day only
    const cached = ctx.cache.get(key);
    const hit = cached && (cached.day === null || cached.day === today) ? cached : undefined;
    let etag = hit?.etag ?? ctx.etag(canonical);
    reply.header("ETag", etag);
    reply.header("Cache-Control", `public, max-age=${opts.maxAge ?? 300}`);
    if (req.headers["if-none-match"] === etag) {
      const asOf = hit?.dataAsOf ?? ctx.version.date;
      if (asOf) reply.header("X-Data-As-Of", asOf);
      return reply.code(304).send();
    }
    if (hit) return sendAnswer(reply, 200, hit.body, hit.contentType, hit.dataAsOf);
    const { result, queries } = await withQueryLog(() => handler(req));
    const day = [...queries].some((q) => q.cache === "day") ? today : null;
    if (day) {
      etag = ctx.etag(`${canonical} ${day}`);
      reply.header("ETag", etag);
    }
    let body: string;
    let contentType: string;
    let status = 200;
    if (isJson(result)) {
      if (opts.csv && entriesOf(req.query).some(([k, v]) => k === "format" && v === "csv")) {
        body = `${toCsv((result.rows ?? []) as Record<string, unknown>[])}\n`;
        contentType = CSV_TYPE;
      } else {
        body = JSON.stringify({ dataAsOf: result.dataAsOf, ...result.body });
        contentType = JSON_TYPE;
      }
    } else {
      body = result.raw;
      contentType = result.contentType;
      status = result.status ?? 200;
    }
    if (status === 200) ctx.cache.set(key, { body, etag, contentType, dataAsOf: result.dataAsOf, day });
    else {
      reply.removeHeader("ETag");
      reply.header("Cache-Control", "no-store");
    }
    return sendAnswer(reply, status, body, contentType, result.dataAsOf);
  });
}
