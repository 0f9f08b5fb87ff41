/**
 * What the leaderboard routes share: the reviewed tables (loaded once per server) and the answer context that maps
 * a rejected parameter to a 400 naming it and an unknown board or date to a 404.
 */
import { z } from "zod";
import { type LeaderboardContext, type LeaderboardDeps, loadLeaderboardDeps } from "../answers/leaderboards.js";
import { badParam, notFound, type ServerContext } from "./context.js";

const loaded = new WeakMap<ServerContext, Promise<LeaderboardDeps>>();

/** The reviewed leaderboard tables of this server, loaded on first use. */
export function leaderboardDeps(ctx: ServerContext): Promise<LeaderboardDeps> {
  let deps = loaded.get(ctx);
  if (!deps) {
    deps = loadLeaderboardDeps(ctx.families);
    loaded.set(ctx, deps);
  }
  return deps;
}

/** The answer context of the API (400 for bad parameters, 404 for what is not stored). */
export function apiLeaderboardContext(ctx: ServerContext, paramNames: Record<string, string> = {}): LeaderboardContext {
  return {
    query: (q, p) => ctx.query(q, p, { paramNames }),
    notFound: (m) => notFound(m),
    badParam: (param, m) => badParam(paramNames[param] ?? param, m),
  };
}

/** The `board` parameter every leaderboard route takes. */
export const BOARD = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
  .default("arena-text")
  .describe("leaderboard: arena-text (default), open-llm-v1, open-llm-v2");
