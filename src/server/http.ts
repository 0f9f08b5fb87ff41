/**
 * How API routes answer: cached GET routes (ETag, 304, Cache-Control, X-Data-As-Of, `dataAsOf` in the body, CSV
 * with `?format=csv`), the JSON schemas parameters share, and date checks.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifySchema } from "fastify";
import { toCsv } from "../formats/csv.js";
import { isCalendarDate } from "../queries/common.js";
import { badParam, type ServerContext } from "./context.js";

/** A JSON answer: the body (an object; `dataAsOf` is added first) and, for CSV export, its main list. */
export interface JsonResult {
  dataAsOf: string | null;
  body: Record<string, unknown>;
  /** The table `?format=csv` exports (list routes and the main list of object routes). */
  rows?: ReadonlyArray<Record<string, unknown>>;
}

/** A non-JSON answer (SVG badges). Only status 200 answers are cached. */
export interface RawResult {
  dataAsOf: string | null;
  raw: string;
  contentType: string;
  status?: number;
}

/** What a route handler returns. */
export type RouteResult = JsonResult | RawResult;

/** Options of {@link getRoute}. */
export interface GetRouteOptions {
  summary: string;
  description?: string;
  tags?: string[];
  params?: Record<string, unknown>;
  querystring?: Record<string, unknown>;
  /** Required querystring parameters. */
  required?: string[];
  /** Whether `?format=csv` exports the route's list. */
  csv?: boolean;
}

/** `YYYY-MM-DD`. */
export const DATE = { type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$", description: "a date YYYY-MM-DD" } as const;

/** A snapshot date (default: the latest complete snapshot). */
export const SNAPSHOT_DATE = { ...DATE, description: "snapshot date YYYY-MM-DD (default: the latest)" } as const;

/** An id part: a Hub namespace, a repo name, a family slug. */
export const ID_PART = { type: "string", minLength: 1, maxLength: 200 } as const;

/** A case-insensitive regular expression on repo names. */
export const REGEX = {
  type: "string",
  minLength: 1,
  maxLength: 500,
  description: "case-insensitive regular expression on the repo name (after the slash)",
} as const;

/** A flag given as `1`/`0`/`true`/`false`. */
export const FLAG = { type: "string", enum: ["0", "1", "true", "false"] } as const;

/** `auto | day | week | month`. */
export const BUCKET = {
  type: "string",
  enum: ["auto", "day", "week", "month"],
  default: "auto",
  description: "series bucket (auto: day up to 31 days, week up to 26 weeks, else month)",
} as const;

/** A limit with its bounds and default. */
export function limit(max: number, dflt: number): Record<string, unknown> {
  return { type: "integer", minimum: 1, maximum: max, default: dflt };
}

/** Whether a flag parameter is on. */
export function flag(v: unknown): boolean {
  return v === "1" || v === "true";
}

/** Real calendar dates only (the pattern alone lets 2024-02-31 through). */
function checkDates(query: Record<string, unknown>): void {
  for (const k of ["date", "from", "to"]) {
    const v = query[k];
    if (typeof v !== "string") continue;
    if (!isCalendarDate(v)) {
      throw badParam(k, `invalid ${k} "${v}": not a real calendar date`);
    }
  }
  const from = query.from;
  const to = query.to;
  if (typeof from === "string" && typeof to === "string" && from > to) {
    throw badParam("from", `invalid range: from ${from} is after to ${to}`);
  }
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

/**
 * The question a request asks, written one way: the path and the query parameters after validation (defaults filled
 * in, values coerced), sorted by name. `?limit=5&task=x`, `?task=x&limit=5` and `?task=x` (when 5 is the default)
 * are one question, one cache entry and one ETag.
 */
export function canonicalUrl(req: FastifyRequest): string {
  const path = req.url.split("?")[0] ?? "";
  const q = (req.query ?? {}) as Record<string, unknown>;
  const parts = Object.keys(q)
    .filter((k) => q[k] !== undefined && q[k] !== null)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(String(q[k]))}`);
  return parts.length > 0 ? `${path}?${parts.join("&")}` : path;
}

/**
 * Registers a cached GET route. The handler runs only on a cache miss; answers are cached per data version and
 * {@link canonicalUrl}, carry `ETag` (data version + canonical URL) and `Cache-Control: public, max-age=300`, and a matching `If-None-Match` gets a
 * 304. JSON bodies get `dataAsOf` first; with `csv`, `?format=csv` answers the result's `rows` as CSV.
 */
export function getRoute(
  app: FastifyInstance,
  ctx: ServerContext,
  url: string,
  opts: GetRouteOptions,
  handler: (req: FastifyRequest) => Promise<RouteResult>,
): void {
  const querystring = opts.querystring || opts.csv ? { ...(opts.querystring ?? {}) } : undefined;
  if (querystring && opts.csv) {
    querystring.format = { type: "string", enum: ["json", "csv"], default: "json", description: "json or csv" };
  }
  const schema: FastifySchema & Record<string, unknown> = {
    summary: opts.summary,
    ...(opts.description ? { description: opts.description } : {}),
    ...(opts.tags ? { tags: opts.tags } : {}),
    ...(opts.params ? { params: { type: "object", properties: opts.params, required: Object.keys(opts.params) } } : {}),
    ...(querystring
      ? {
          querystring: {
            type: "object",
            properties: querystring,
            ...(opts.required ? { required: opts.required } : {}),
          },
        }
      : {}),
  };
  app.get(url, { schema }, async (req, reply) => {
    const canonical = canonicalUrl(req);
    const key = `${ctx.version.key} ${canonical}`;
    const hit = ctx.cache.get(key);
    const etag = hit?.etag ?? ctx.etag(canonical);
    reply.header("ETag", etag);
    reply.header("Cache-Control", "public, max-age=300");
    if (req.headers["if-none-match"] === etag) {
      const asOf = hit?.dataAsOf ?? ctx.version.date;
      if (asOf) reply.header("X-Data-As-Of", asOf);
      return reply.code(304).send();
    }
    if (hit) return sendAnswer(reply, 200, hit.body, hit.contentType, hit.dataAsOf);
    const query = (req.query ?? {}) as Record<string, unknown>;
    checkDates(query);
    const result = await handler(req);
    let body: string;
    let contentType: string;
    let status = 200;
    if (isJson(result)) {
      if (opts.csv && query.format === "csv") {
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
    if (status === 200) ctx.cache.set(key, { body, etag, contentType, dataAsOf: result.dataAsOf });
    else reply.removeHeader("ETag");
    return sendAnswer(reply, status, body, contentType, result.dataAsOf);
  });
}
