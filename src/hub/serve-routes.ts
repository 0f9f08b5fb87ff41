/**
 * The two API routes of the local Hub server as plain functions from a request URL to an answer, so the HTTP layer
 * ({@link startHubServer}) only adds headers, rate limiting and faults.
 */
import {
  decodeCursor,
  encodeCursor,
  type ModelIndex,
  type ServedModel,
  SORT_KEYS,
  type SortKey,
} from "./serve-index.js";
import {
  DEFAULT_PROJECTION,
  expandError,
  expandProjection,
  FULL_PROJECTION,
  type PageRenderer,
  type Projection,
} from "./serve-projection.js";

/** What the routes need: the index, the page renderer, the page size cap and full model-info bodies by id. */
export interface RouteContext {
  index: ModelIndex;
  renderer: PageRenderer;
  pageSize: number;
  /** Full `GET /api/models/{id}` bodies by lower-cased id, served instead of the list object (may be empty). */
  details?: ReadonlyMap<string, ServedModel>;
}

/** A route's answer: status, body (bytes or a JSON value), extra headers, buffer recycling, items sent. */
export interface RouteAnswer {
  status: number;
  body: Buffer | Record<string, unknown>;
  headers?: Record<string, string>;
  release?: () => void;
  items?: number;
}

const error = (status: number, message: string, headers?: Record<string, string>): RouteAnswer => ({
  status,
  body: { error: message },
  ...(headers ? { headers } : {}),
});

/** Reads `expand` and `expand[]` (both spellings are in use, hub-api.md §1). */
function expandOf(query: URLSearchParams): string[] {
  return [...query.getAll("expand"), ...query.getAll("expand[]")];
}

/**
 * `GET /api/models`: validates the query, selects and sorts, slices after the cursor, renders the projection and
 * adds `Link: <origin/api/models?<original query>&cursor=...>; rel="next"` when more items remain.
 */
export function listModels(ctx: RouteContext, rawUrl: string, origin: string): RouteAnswer {
  const query = new URL(rawUrl, "http://localhost").searchParams;
  const expand = expandOf(query);
  const badExpand = expandError(expand, true);
  if (badExpand) return error(400, badExpand);
  const sortParam = query.get("sort") ?? "trendingScore";
  if (!(SORT_KEYS as readonly string[]).includes(sortParam)) {
    return error(400, `Invalid option: expected one of ${SORT_KEYS.map((k) => `"${k}"`).join("|")} at sort`);
  }
  const sort = sortParam as SortKey;
  const limitParam = query.get("limit");
  if (limitParam !== null && !/^0*[1-9]\d*$/.test(limitParam.trim())) {
    return error(400, "Invalid limit: expected a positive integer");
  }
  const limit = Math.min(ctx.pageSize, limitParam === null ? ctx.pageSize : Number(limitParam));
  const cursorParam = query.get("cursor");
  const cursor = cursorParam === null ? null : decodeCursor(cursorParam, sort);
  if (cursorParam !== null && cursor === null) return error(400, "Invalid cursor");

  const { index } = ctx;
  const list = index.select({
    sort,
    author: query.get("author") ?? undefined,
    search: query.get("search") ?? undefined,
    pipelineTag: query.get("pipeline_tag") ?? undefined,
    filters: query.getAll("filter").filter((f) => f !== ""),
  });
  const from = cursor === null ? 0 : index.startAfter(list, sort, cursor);
  const to = Math.min(list.length, from + limit);
  const full = /^(true|1)$/i.test(query.get("full")?.trim() ?? "");
  const projection: Projection = expand.length ? expandProjection(expand) : full ? FULL_PROJECTION : DEFAULT_PROJECTION;
  const page = ctx.renderer.page(projection, list, from, to);
  const headers: Record<string, string> = {};
  if (to < list.length && to > from) {
    const next = encodeURIComponent(encodeCursor(sort, index.cursorAt(sort, list[to - 1] as number)));
    const [path, search = ""] = rawUrl.split("?", 2);
    const kept = search.split("&").filter((p) => p !== "" && !p.startsWith("cursor="));
    kept.push(`cursor=${next}`);
    headers.Link = `<${origin}${path}?${kept.join("&")}>; rel="next"`;
  }
  return { status: 200, body: page.body, headers, release: page.release, items: to - from };
}

/**
 * `GET /api/models/:ns/:name[/revision/:rev]`: the model's full body when one was given (`details`), else the stored
 * list object; a shallow projection with `expand`; 404 RepoNotFound.
 */
export function modelInfo(ctx: RouteContext, rawUrl: string): RouteAnswer {
  const [path = "", search = ""] = rawUrl.split("?", 2);
  let segments: string[];
  try {
    segments = path
      .slice("/api/models/".length)
      .split("/")
      .map((s) => decodeURIComponent(s));
  } catch {
    return error(400, "Invalid path");
  }
  if (segments.length >= 3 && segments[segments.length - 2] === "revision") segments = segments.slice(0, -2);
  const id = segments.join("/");
  const model = segments.length <= 2 ? (ctx.details?.get(id.toLowerCase()) ?? ctx.index.lookup(id)) : undefined;
  if (!model) {
    const message = "Repository not found";
    return error(404, message, { "X-Error-Code": "RepoNotFound", "X-Error-Message": message });
  }
  const expand = expandOf(new URLSearchParams(search));
  const badExpand = expandError(expand, false);
  if (badExpand) return error(400, badExpand);
  const projection = expand.length ? expandProjection(expand) : FULL_PROJECTION;
  return { status: 200, body: Buffer.from(projection.render(model)) };
}
