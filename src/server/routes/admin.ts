/**
 * `POST /api/admin/ingest` starts a crawl of a Hub endpoint in the background (one at a time) and
 * `GET /api/admin/ingest` reports it. Both answer 404 unless the server has an admin token, and then require
 * `Authorization: Bearer <token>` (401 otherwise).
 */
import { timingSafeEqual } from "node:crypto";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { hubEndpoint } from "../../hub/client.js";
import { crawl } from "../../ingest/crawl.js";
import { IsoDate } from "../../queries/common.js";
import { ApiError, type ServerContext } from "../context.js";

/** What the last (or running) ingest did. */
export interface IngestStatus {
  state: "idle" | "running" | "complete" | "failed";
  params: Record<string, unknown> | null;
  startedAt: string | null;
  finishedAt: string | null;
  result: Record<string, unknown> | null;
  error: string | null;
}

function authorized(req: FastifyRequest, token: string): boolean {
  const h = req.headers.authorization;
  if (typeof h !== "string" || !h.startsWith("Bearer ")) return false;
  const given = Buffer.from(h.slice(7).trim());
  const want = Buffer.from(token);
  return given.length === want.length && timingSafeEqual(given, want);
}

/** What an ingest request may give (other fields are dropped). */
const BODY = z.object({
  endpoint: z
    .string()
    .regex(/^https?:\/\//)
    .max(500)
    .optional()
    .describe("Hub base URL"),
  author: z.string().min(1).max(200).optional(),
  search: z.string().min(1).max(200).optional(),
  limit: z.number().int().min(1).max(10_000_000).optional(),
  date: IsoDate.optional(),
});

/** Registers the admin routes (404 without a token). */
export async function adminRoutes(app: FastifyInstance, ctx: ServerContext, adminToken: string | undefined) {
  const status: IngestStatus = {
    state: "idle",
    params: null,
    startedAt: null,
    finishedAt: null,
    result: null,
    error: null,
  };
  const guard = (req: FastifyRequest, reply: FastifyReply) => {
    if (!adminToken) throw new ApiError(404, `no route ${req.method} ${req.url.split("?")[0]}`);
    if (!authorized(req, adminToken)) {
      reply.header("WWW-Authenticate", 'Bearer realm="omo admin"');
      throw new ApiError(401, "admin routes need Authorization: Bearer <token>");
    }
  };
  const hide = { hide: !adminToken, tags: ["admin"], ...(adminToken ? { security: [{ bearer: [] }] } : {}) };
  app.get(
    "/api/admin/ingest",
    { schema: { summary: "Status of the last ingest started here", ...hide } },
    async (req, reply) => {
      guard(req, reply);
      reply.header("Cache-Control", "no-store");
      return { dataAsOf: ctx.version.date, ...status };
    },
  );
  app
    .withTypeProvider<ZodTypeProvider>()
    .post(
      "/api/admin/ingest",
      { schema: { summary: "Start a crawl of a Hub endpoint into a snapshot (one at a time)", body: BODY, ...hide } },
      async (req, reply) => {
        guard(req, reply);
        if (status.state === "running") throw new ApiError(409, "an ingest is already running");
        const b = req.body;
        const endpoint = hubEndpoint(b.endpoint);
        const date = b.date ?? new Date().toISOString().slice(0, 10);
        const spoolDir = ctx.spoolDir ?? path.join(os.tmpdir(), "omo-admin.crawl");
        Object.assign(status, {
          state: "running",
          params: { endpoint, date, author: b.author ?? null, search: b.search ?? null, limit: b.limit ?? null },
          startedAt: new Date().toISOString(),
          finishedAt: null,
          result: null,
          error: null,
        });
        crawl(ctx.store, {
          endpoint,
          date,
          author: b.author,
          search: b.search,
          limit: b.limit,
          spoolDir,
          token: process.env.HF_TOKEN,
          write: ctx.write,
        })
          .then(async (r) => {
            // the new snapshot becomes the server's data version before the status says complete
            await ctx.sync(true).catch(() => undefined);
            await ctx.refresh().catch(() => undefined);
            status.finishedAt = new Date().toISOString();
            Object.assign(status, { state: "complete", result: { ...r.snapshot, pages: r.pages, resumed: r.resumed } });
          })
          .catch(async (err: Error) => {
            await ctx.refresh().catch(() => undefined);
            status.finishedAt = new Date().toISOString();
            Object.assign(status, { state: "failed", error: err.message.split("\n")[0] ?? String(err) });
          });
        reply.code(202).header("Cache-Control", "no-store");
        return { dataAsOf: ctx.version.date, ...status };
      },
    );
}
