/**
 * A small Hugging Face Hub client on global `fetch`: one page of `GET /api/models` or one model-info body per call,
 * with the retry policy of huggingface_hub (hub-api.md §5.3). A page that is truncated, not JSON or not a
 * {@link HubModelPageSchema} array is retried like a 5xx: a bad page is never handed to the caller.
 */
import { HubError, InputError } from "../errors.js";
import { parseLinkNext, parseRateLimit, type RateLimitInfo } from "./link.js";
import { type HubModel, HubModelPageSchema, LIST_EXPAND } from "./types.js";

/**
 * The Hub base URL a crawl uses: the one given, else `HF_ENDPOINT`, else https://huggingface.co; without trailing
 * slashes. One default for the CLI's `omo ingest` and the server's admin ingest.
 */
export function hubEndpoint(given?: string | null, env: NodeJS.ProcessEnv = process.env): string {
  return (given ?? env.HF_ENDPOINT ?? "https://huggingface.co").replace(/\/+$/, "");
}

/** Query of `GET /api/models` as built by {@link buildListUrl}. */
export interface ListParams {
  author?: string;
  search?: string;
  sort?: string;
  limit?: number;
  expand?: readonly string[];
}

/**
 * Builds `${endpoint}/api/models?...` with one `expand=` key per value (hfjs/httpx spelling, hub-api.md §1).
 * Defaults: `sort=downloads`, `limit=1000`, `expand` = {@link LIST_EXPAND} (everything the store keeps).
 */
export function buildListUrl(endpoint: string, p: ListParams = {}): string {
  const q = new URLSearchParams();
  if (p.author !== undefined) q.append("author", p.author);
  if (p.search !== undefined) q.append("search", p.search);
  q.append("sort", p.sort ?? "downloads");
  q.append("limit", String(p.limit ?? 1000));
  for (const e of p.expand ?? LIST_EXPAND) q.append("expand", e);
  return `${endpoint.replace(/\/+$/, "")}/api/models?${q.toString()}`;
}

/** What {@link HubClientOptions.onRetry} learns before each wait. */
export interface RetryInfo {
  /** The URL being retried (never contains the token: it travels in a header). */
  url: string;
  /** 1-based number of the attempt that just failed. */
  attempt: number;
  /** Why it failed, e.g. `HTTP 503`, `timed out after 30000 ms`, `invalid JSON body`. */
  reason: string;
  /** How long the client waits before the next attempt. */
  delayMs: number;
}

/** Options of {@link HubClient}. */
export interface HubClientOptions {
  /** Base URL, e.g. `https://huggingface.co` or a local replay server. */
  endpoint: string;
  /** `hf_...` token sent as `Authorization: Bearer` (only to the endpoint's own origin). */
  token?: string;
  /** Per-attempt timeout covering headers and body (default 30,000 ms). */
  timeoutMs?: number;
  /** Retries after the first attempt (default 5, like huggingface_hub). */
  maxRetries?: number;
  /** First backoff delay (default 1,000 ms); doubles per retry. */
  baseDelayMs?: number;
  /** Backoff cap (default 8,000 ms). */
  maxDelayMs?: number;
  /**
   * The longest wait the server may ask for (`RateLimit` t + 1 s, `Retry-After`; default 10 minutes): a longer one
   * fails at once with a message naming the header, instead of stalling for days or overflowing the timer.
   */
  maxWaitMs?: number;
  /** The largest response body read (default 64 MiB; the largest real list page is a few MB). */
  maxBodyBytes?: number;
  /** Waits between attempts; inject a recorder in tests instead of sleeping for real. */
  sleep?: (ms: number) => Promise<void>;
  /** Called before each wait (logging, progress bars). */
  onRetry?: (info: RetryInfo) => void;
  /** `User-Agent` header (default `omo/0.1 (...)`). */
  userAgent?: string;
}

/** One validated page of `GET /api/models`. */
export interface HubPage {
  /** The URL that was fetched. */
  url: string;
  /** The page's models, validated and stripped to the keys of {@link HubModelSchema}. */
  items: HubModel[];
  /** Absolute URL of the next page (from `Link: rel="next"`), null on the last page. */
  next: string | null;
  /** The raw response body (a JSON array), e.g. for archiving pages verbatim. */
  body: string;
  /** `RateLimit` header of the response, if any. */
  rateLimit: RateLimitInfo | null;
}

/** Statuses huggingface_hub retries (hub-api.md §5.3). */
const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
/** Longest server error text quoted in an error message (longer ones keep head and tail: the Hub's 400 names the bad index last). */
const MAX_ERROR_TEXT = 1000;

type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

type Attempt<T> =
  | { kind: "ok"; value: T; headers: Headers; body: string }
  | { kind: "retry"; reason: string; status?: number; headers?: Headers }
  | { kind: "fatal"; message: string; status: number };

/**
 * Hub client with huggingface_hub's retry policy: retries 408/429/5xx, network errors, timeouts and bad bodies;
 * on 429 waits `t + 1` s from `RateLimit` (when `r=0`), else `Retry-After`, else 1 s doubling up to 8 s.
 * After `maxRetries` it throws {@link HubError}; other 4xx throw at once. The token never appears in messages.
 */
export class HubClient {
  private readonly endpoint: string;
  private readonly origin: string;
  private readonly token: string | undefined;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly maxWaitMs: number;
  private readonly maxBodyBytes: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly onRetry: ((info: RetryInfo) => void) | undefined;
  private readonly userAgent: string;

  constructor(opts: HubClientOptions) {
    this.endpoint = opts.endpoint.replace(/\/+$/, "");
    if (!URL.canParse(this.endpoint) || !/^https?:$/.test(new URL(this.endpoint).protocol)) {
      throw new InputError(`invalid Hub endpoint "${opts.endpoint}" (expected an http(s) URL)`);
    }
    this.origin = new URL(this.endpoint).origin;
    this.token = opts.token || undefined;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.maxRetries = opts.maxRetries ?? 5;
    this.baseDelayMs = opts.baseDelayMs ?? 1_000;
    this.maxDelayMs = opts.maxDelayMs ?? 8_000;
    this.maxWaitMs = opts.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.maxBodyBytes = opts.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.onRetry = opts.onRetry;
    this.userAgent = opts.userAgent ?? `omo/0.1 (open-model-observatory; node/${process.versions.node})`;
  }

  /** The list URL for this client's endpoint (see {@link buildListUrl}). */
  listUrl(p: ListParams = {}): string {
    return buildListUrl(this.endpoint, p);
  }

  /** Fetches and validates one list page; follow `next` until null to walk a listing. */
  async fetchPage(url: string): Promise<HubPage> {
    const { value, headers, body } = await this.request(url, parsePage);
    const next = parseLinkNext(headers.get("link"));
    return {
      url,
      items: value,
      next: next === null ? null : new URL(next, url).toString(),
      body,
      rateLimit: parseRateLimit(headers.get("ratelimit")),
    };
  }

  /** `GET /api/models/{id}/revision/HEAD` (the form hfjs uses), with the same retries; returns the parsed JSON. */
  async modelInfo(id: string): Promise<unknown> {
    const path = id
      .split("/")
      .map((s) => encodeURIComponent(s))
      .join("/");
    const url = `${this.endpoint}/api/models/${path}/revision/HEAD`;
    const { value } = await this.request(url, parseObject);
    return value;
  }

  /** Runs attempts until success, a fatal answer, or the retry budget is spent. */
  private async request<T>(
    url: string,
    parse: (body: string) => Parsed<T>,
  ): Promise<{ value: T; headers: Headers; body: string }> {
    if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol)) {
      throw new HubError("not an absolute http(s) URL", this.redact(url));
    }
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.attempt(url, parse);
      if (outcome.kind === "ok") return outcome;
      if (outcome.kind === "fatal") throw new HubError(this.redact(outcome.message), this.redact(url), outcome.status);
      const reason = this.redact(outcome.reason);
      if (attempt > this.maxRetries) {
        throw new HubError(`gave up after ${attempt} attempts: ${reason}`, this.redact(url), outcome.status);
      }
      const { delayMs, asked } = this.delayFor(outcome.status, outcome.headers, attempt);
      if (delayMs > this.maxWaitMs) {
        throw new HubError(
          `the server asks to wait ${Math.round(delayMs / 1000)} s (${asked}), more than the ${Math.round(this.maxWaitMs / 1000)} s allowed (--max-wait)`,
          this.redact(url),
          outcome.status,
        );
      }
      this.onRetry?.({ url: this.redact(url), attempt, reason, delayMs });
      await this.sleep(delayMs);
    }
  }

  /** One HTTP exchange, classified as ok / retry / fatal. Never throws. */
  private async attempt<T>(url: string, parse: (body: string) => Parsed<T>): Promise<Attempt<T>> {
    let res: Response;
    try {
      res = await fetch(url, { headers: this.headersFor(url), signal: AbortSignal.timeout(this.timeoutMs) });
    } catch (err) {
      return { kind: "retry", reason: this.describeFailure(err) };
    }
    const status = res.status;
    let body: string;
    try {
      body = await readBounded(res, this.maxBodyBytes);
    } catch (err) {
      if (err instanceof BodyTooLarge) return { kind: "fatal", message: err.message, status };
      return { kind: "retry", reason: `HTTP ${status}, body cut off: ${this.describeFailure(err)}`, status };
    }
    if (res.ok) {
      const parsed = parse(body);
      if (parsed.ok) return { kind: "ok", value: parsed.value, headers: res.headers, body };
      return { kind: "retry", reason: parsed.reason, status, headers: res.headers };
    }
    if (RETRY_STATUS.has(status)) return { kind: "retry", reason: `HTTP ${status}`, status, headers: res.headers };
    return { kind: "fatal", message: describeRejection(res, body), status };
  }

  /** Request headers; the token goes only to the configured endpoint's origin (a foreign `Link` never gets it). */
  private headersFor(url: string): Record<string, string> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": this.userAgent };
    if (this.token !== undefined && new URL(url).origin === this.origin) {
      headers.authorization = `Bearer ${this.token}`;
    }
    return headers;
  }

  /**
   * huggingface_hub's wait: 429 + `RateLimit` r=0 → t+1 s; else `Retry-After`; else capped exponential backoff.
   * `asked` names the header a server-directed wait comes from (for the message when it is too long).
   */
  private delayFor(
    status: number | undefined,
    headers: Headers | undefined,
    attempt: number,
  ): { delayMs: number; asked: string } {
    if (status === 429) {
      const header = headers?.get("ratelimit") ?? null;
      const rl = parseRateLimit(header);
      if (rl !== null && rl.remaining === 0)
        return { delayMs: (rl.resetSeconds + 1) * 1000, asked: `RateLimit: ${header}` };
    }
    const header = headers?.get("retry-after") ?? null;
    const retryAfter = parseRetryAfter(header);
    if (retryAfter !== null) return { delayMs: retryAfter * 1000, asked: `Retry-After: ${header?.slice(0, 60)}` };
    return { delayMs: Math.min(this.baseDelayMs * 2 ** (attempt - 1), this.maxDelayMs), asked: "backoff" };
  }

  /** A one-line reason for a thrown fetch/body error (timeout, reset, refused...). */
  private describeFailure(err: unknown): string {
    if (err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")) {
      return `timed out after ${this.timeoutMs} ms`;
    }
    const cause = err instanceof Error ? (err.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
    const parts = [err instanceof Error ? err.message : String(err)];
    if (cause && typeof cause === "object") {
      if (typeof cause.code === "string") parts.push(cause.code);
      if (typeof cause.message === "string" && cause.message) parts.push(cause.message);
    }
    return `network error: ${parts.join(": ")}`;
  }

  /** Removes the token from any text that may reach a message or a log. */
  private redact(text: string): string {
    return this.token ? text.split(this.token).join("hf_***") : text;
  }
}

/** Default of {@link HubClientOptions.maxWaitMs}: 10 minutes. */
export const DEFAULT_MAX_WAIT_MS = 10 * 60_000;

/** Default of {@link HubClientOptions.maxBodyBytes}: 64 MiB. */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** A response body over the limit (not retried: the same request would bring the same body). */
class BodyTooLarge extends Error {}

/** Reads a body as UTF-8 text, refusing more than `limit` bytes (announced by Content-Length or as it streams). */
async function readBounded(res: Response, limit: number): Promise<string> {
  const tooLarge = (n: string) =>
    new BodyTooLarge(`response body larger than ${limit} bytes (${n}; raise --max-body if this is expected)`);
  const announced = Number(res.headers.get("content-length"));
  if (Number.isFinite(announced) && announced > limit) {
    await res.body?.cancel();
    throw tooLarge(`Content-Length ${announced}`);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(`over ${limit} bytes read`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size).toString("utf8");
}

/** Validates a list body: JSON, an array, every item a {@link HubModelSchema}. */
function parsePage(body: string): Parsed<HubModel[]> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: `invalid JSON body (${body.length} chars; truncated?)` };
  }
  const result = HubModelPageSchema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const where = issue ? issue.path.join(".") || "(root)" : "(root)";
  return { ok: false, reason: `page does not match HubModelPageSchema at ${where}: ${issue?.message ?? "invalid"}` };
}

/** Validates a model-info body: a JSON object. */
function parseObject(body: string): Parsed<unknown> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: `invalid JSON body (${body.length} chars; truncated?)` };
  }
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return { ok: false, reason: "model info body is not a JSON object" };
  }
  return { ok: true, value: json };
}

/** `Retry-After` as seconds (delta-seconds or HTTP date), null when absent or unparsable. */
function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Message of a non-retryable answer: status, `X-Error-Code` and the body's `error` text when there is one. */
function describeRejection(res: Response, body: string): string {
  const code = res.headers.get("x-error-code");
  let text = errorText(body) ?? res.headers.get("x-error-message") ?? "";
  if (text.length > MAX_ERROR_TEXT) {
    text = `${text.slice(0, MAX_ERROR_TEXT / 2)} ... ${text.slice(-MAX_ERROR_TEXT / 2)}`;
  }
  const label = `Hub rejected the request${code ? ` (${code})` : ""}`;
  return text ? `${label}: ${text}` : label;
}

/** The `error` / `message` / `error_description` text of a JSON error body, if any. */
function errorText(body: string): string | undefined {
  try {
    const json = JSON.parse(body) as Record<string, unknown> | null;
    if (json === null || typeof json !== "object") return undefined;
    for (const key of ["error", "message", "error_description"]) {
      const v = json[key];
      if (typeof v === "string" && v) return v;
      if (Array.isArray(v) && v.length) return v.map(String).join("; ");
    }
  } catch {
    // Not JSON: fall through to a short plain-text excerpt.
  }
  const plain = body.trim();
  return plain ? plain.replace(/\s+/g, " ") : undefined;
}
