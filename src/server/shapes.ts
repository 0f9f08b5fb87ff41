/**
 * Server-side lookups (the snapshot an answer comes from, a family by name, as 404s) and the shared answer builders
 * of src/answers/bodies.ts, which the CLI's `--json` uses too: same question, same numbers, same shape.
 */
import { type Family, findFamily } from "../domain/families.js";
import { resolveSnapshot } from "../queries/index.js";
import { ApiError, notFound, type ServerContext } from "./context.js";

/** The complete snapshot an answer comes from: `date` if it is one, else (no date) the latest; 404 otherwise. */
export async function snapshotAt(ctx: ServerContext, date: string | undefined): Promise<string> {
  if (!date) {
    if (ctx.version.date) return ctx.version.date;
    throw notFound("no snapshots loaded: load one with omo import or omo ingest");
  }
  const [hit] = await ctx.query(resolveSnapshot, { date });
  if (hit) return hit.date;
  throw new ApiError(404, `no complete snapshot for ${date}`, "date");
}

/** The family called `name` (case-insensitive), or a 404 naming the valid names (also as `known`). */
export function familyNamed(ctx: ServerContext, name: string): Family {
  try {
    return findFamily(ctx.families, name);
  } catch {
    const known = ctx.families.map((f) => f.name);
    throw new ApiError(404, `unknown family "${name.slice(0, 100)}"; known families: ${known.join(", ")}`, undefined, {
      known,
    });
  }
}

export * from "../answers/bodies.js";
