/**
 * A Hub-compatible local server (node:http, no framework) replaying model list objects for tests, demos and
 * benchmarks: `GET /api/models` with the Hub's sorting, filters, projections and `Link` cursor pagination, model
 * info by id, Hub-style headers and errors, a fixed-window rate limit and deterministic fault injection
 * (hub-api.md §9).
 */
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { InputError } from "../errors.js";
import { type Fault, FaultClock, type FaultPlan, faultAction, faultLabel } from "./serve-faults.js";
import { ModelIndex, type ServedModel } from "./serve-index.js";
import { PageRenderer } from "./serve-projection.js";
import { listModels, modelInfo, type RouteAnswer, type RouteContext } from "./serve-routes.js";

/** Fault plans and the CLI spec parser, re-exported so a caller needs only this module. */
export { type Fault, type FaultPlan, parseFaultSpec } from "./serve-faults.js";
/** Seed-file loader, re-exported for the same reason. */
export { loadHubModels } from "./serve-load.js";

/** Largest page the server returns, whatever `limit` asks (the Hub paged 1,000 in 2024, hub-api.md §2.5). */
export const MAX_PAGE_SIZE = 1000;

/** Options of {@link startHubServer}. */
export interface HubServerOptions {
  /** Model objects in Hub wire format; each needs a string `id`. Not copied: do not mutate while serving. */
  models: readonly object[];
  /** Interface to bind (default `127.0.0.1`). */
  host?: string;
  /** Port (default 0 = a free random port). */
  port?: number;
  /** Default and maximum page size (default and cap {@link MAX_PAGE_SIZE}); `limit` can only ask for less. */
  pageSize?: number;
  /**
   * Full `GET /api/models/{id}` bodies (with `cardData`, `siblings`…), e.g. the July-2024 model-info bodies: served
   * for their ids instead of the list object. Ids without a body answer the list object, as before.
   */
  details?: readonly object[];
  /** Faults injected into list requests (see {@link FaultPlan}). */
  faults?: FaultPlan;
  /** Faults injected into model-info requests (`/api/models/{id}`), numbered apart from the list requests. */
  detailFaults?: FaultPlan;
  /** Fixed-window rate limit over all requests (default 1,000,000 per 300 s, i.e. practically none). */
  rateLimit?: { quota: number; windowSeconds: number };
}

/** Live counters of a running server. */
export interface HubServerStats {
  /** Every request received (including those answered with errors or dropped). */
  requests: number;
  /** `GET /api/models` requests (the ones faults apply to). */
  listRequests: number;
  /** `GET /api/models/{id}` requests. */
  modelInfoRequests: number;
  /** Faults injected in total, and by label (`429`, `500`, `drop`, `truncate`, `slow`...). */
  faultsInjected: number;
  faultsByKind: Record<string, number>;
  /** Requests refused by the rate limit (not counting injected 429s). */
  rateLimited: number;
  /** Requests refused for a malformed token. */
  unauthorized: number;
  /** List items sent in complete 200 pages. */
  itemsServed: number;
}

/** A running server. */
export interface HubServer {
  /** Origin to use as the client endpoint, e.g. `http://127.0.0.1:40123`. */
  url: string;
  port: number;
  /** Live counters (the same object is updated in place). */
  stats: HubServerStats;
  /** Replaces the fault plan; list requests are numbered from 1 again. */
  setFaults(plan: FaultPlan): void;
  /**
   * Holds every list request unanswered until the returned function is called (tests that need a crawl to be
   * in flight, deterministically, rather than slowed down and hoped to be).
   */
  hold(): () => void;
  /** Stops listening, drops open connections and pending slow answers. */
  close(): Promise<void>;
}

/** An answer before it is written: status, headers, the complete body and how to recycle its buffer. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  release?: () => void;
}

const TOKEN_PATTERN = /^Bearer hf_\S+$/;

/**
 * Starts a Hub-compatible server on 127.0.0.1 (random port by default). Routes: `GET /api/models`,
 * `GET /api/models/:ns/:name`, `GET /api/models/:ns/:name/revision/:rev`. A 1,000-item page costs a binary search
 * and ~1-2 ms of rendering, so a full crawl of the 760k July-2024 listing is bound by the client, not the server.
 */
export async function startHubServer(opts: HubServerOptions): Promise<HubServer> {
  const models = opts.models as readonly ServedModel[];
  models.forEach((m, i) => {
    if (typeof m?.id !== "string" || m.id === "") throw new InputError("model has no string id", { line: i + 1 });
  });
  const details = new Map<string, ServedModel>();
  (opts.details ?? []).forEach((d, i) => {
    const id = (d as { id?: unknown }).id;
    if (typeof id !== "string" || id === "") throw new InputError("model body has no string id", { line: i + 1 });
    details.set(id.toLowerCase(), d as ServedModel);
  });
  const ctx: RouteContext = {
    index: new ModelIndex(models),
    renderer: new PageRenderer(models),
    pageSize: Math.max(1, Math.min(MAX_PAGE_SIZE, Math.floor(opts.pageSize ?? MAX_PAGE_SIZE))),
    details,
  };
  const quota = opts.rateLimit?.quota ?? 1_000_000;
  const windowMs = (opts.rateLimit?.windowSeconds ?? 300) * 1000;
  const stats: HubServerStats = {
    requests: 0,
    listRequests: 0,
    modelInfoRequests: 0,
    faultsInjected: 0,
    faultsByKind: {},
    rateLimited: 0,
    unauthorized: 0,
    itemsServed: 0,
  };
  let faults = new FaultClock(opts.faults);
  const detailFaults = new FaultClock(opts.detailFaults);
  let windowStart = Date.now();
  let windowCount = 0;
  /** List requests waiting for {@link HubServer.hold} to be released (null: not holding). */
  let held: Array<() => void> | null = null;
  const timers = new Set<NodeJS.Timeout>();
  const requestPrefix = randomBytes(4).toString("hex");
  let host = opts.host ?? "127.0.0.1";

  const server = createServer((req, res) => {
    stats.requests += 1;
    const now = Date.now();
    if (now - windowStart >= windowMs) {
      windowStart = now - ((now - windowStart) % windowMs);
      windowCount = 0;
    }
    windowCount += 1;
    const resetSeconds = Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000));
    const base: Record<string, string> = {
      "Content-Type": "application/json; charset=utf-8",
      "X-Request-Id": `Root=1-${Math.floor(now / 1000).toString(16)}-${requestPrefix}${stats.requests.toString(16).padStart(16, "0")}`,
      RateLimit: `"api";r=${Math.max(0, quota - windowCount)};t=${resetSeconds}`,
      "RateLimit-Policy": `"fixed window";"api";q=${quota};w=${windowMs / 1000}`,
    };
    const reply = (a: RouteAnswer): Reply => ({
      status: a.status,
      headers: a.headers ? { ...base, ...a.headers } : base,
      body: Buffer.isBuffer(a.body) ? a.body : Buffer.from(JSON.stringify(a.body)),
      ...(a.release ? { release: a.release } : {}),
    });
    const fail = (status: number, error: string, headers?: Record<string, string>) =>
      send(res, reply({ status, body: { error }, ...(headers ? { headers } : {}) }));

    const rawUrl = req.url ?? "/";
    const path = rawUrl.split("?", 1)[0] as string;
    const auth = req.headers.authorization;
    if (req.method !== "GET") return fail(405, "Method not allowed", { Allow: "GET" });
    if (auth !== undefined && !TOKEN_PATTERN.test(auth)) {
      stats.unauthorized += 1;
      const message = "Invalid credentials in Authorization header";
      return fail(401, message, { "X-Error-Message": message });
    }
    if (windowCount > quota) {
      stats.rateLimited += 1;
      const rl = { RateLimit: `"api";r=0;t=${resetSeconds}`, "Retry-After": String(resetSeconds) };
      return fail(429, "Too Many Requests: rate limit exceeded", rl);
    }
    if (path === "/api/models" || path === "/api/models/") {
      stats.listRequests += 1;
      const answer = () => {
        const a = listModels(ctx, rawUrl, `http://${req.headers.host ?? hostPort()}`);
        stats.itemsServed += a.items ?? 0;
        return reply(a);
      };
      if (held) {
        held.push(() => {
          if (!res.destroyed && !req.socket.destroyed) send(res, answer());
        });
        return;
      }
      const fault = faults.next();
      if (fault === undefined) return send(res, answer());
      return injectFault(fault, req, res, answer, base);
    }
    if (path.startsWith("/api/models/")) {
      stats.modelInfoRequests += 1;
      const fault = detailFaults.next();
      if (fault === undefined) return send(res, reply(modelInfo(ctx, rawUrl)));
      return injectFault(fault, req, res, () => reply(modelInfo(ctx, rawUrl)), base);
    }
    fail(404, "Not Found");
  });

  /** Applies an injected fault to a request (`answer` renders the normal reply when one is needed). */
  function injectFault(
    fault: Fault,
    req: IncomingMessage,
    res: ServerResponse,
    answer: () => Reply,
    base: Record<string, string>,
  ): void {
    stats.faultsInjected += 1;
    const label = faultLabel(fault);
    stats.faultsByKind[label] = (stats.faultsByKind[label] ?? 0) + 1;
    const action = faultAction(fault);
    switch (action.kind) {
      case "status": {
        const headers: Record<string, string> = { ...base };
        if (action.status === 429) {
          headers.RateLimit = `"api";r=0;t=${action.resetSeconds}`;
          headers["Retry-After"] = String(action.resetSeconds);
        }
        const error = action.status === 429 ? "Too Many Requests" : `Injected fault: HTTP ${action.status}`;
        send(res, { status: action.status, headers, body: Buffer.from(JSON.stringify({ error })) });
        return;
      }
      case "drop":
        req.socket.destroy();
        return;
      case "truncate": {
        // No Content-Length: the chunked body ends cleanly after half of the bytes, so only the JSON is broken.
        const r = answer();
        if (r.release) res.once("close", r.release);
        res.writeHead(r.status, r.headers);
        res.end(r.body.subarray(0, Math.floor(r.body.length / 2)));
        return;
      }
      case "cut": {
        const r = answer();
        if (r.release) res.once("close", r.release);
        res.writeHead(r.status, { ...r.headers, "Content-Length": String(r.body.length) });
        res.write(r.body.subarray(0, Math.floor(r.body.length / 2)), () => req.socket.destroy());
        return;
      }
      case "slow": {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed && !req.socket.destroyed) send(res, answer());
        }, action.ms);
        timers.add(timer);
        return;
      }
    }
  }

  function hostPort(): string {
    const address = server.address() as AddressInfo;
    return `${host.includes(":") ? `[${host}]` : host}:${address.port}`;
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  if (host === "0.0.0.0" || host === "::") host = "127.0.0.1";

  return {
    url: `http://${hostPort()}`,
    port,
    stats,
    setFaults(plan: FaultPlan) {
      faults = new FaultClock(plan);
    },
    hold() {
      held ??= [];
      return () => {
        const waiting = held ?? [];
        held = null;
        for (const go of waiting) go();
      };
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/** Writes a complete reply with `Content-Length`; a pooled body goes back to its pool once the response closes. */
function send(res: ServerResponse, r: Reply): void {
  if (r.release) res.once("close", r.release);
  res.writeHead(r.status, { ...r.headers, "Content-Length": String(r.body.length) });
  res.end(r.body);
}
