/**
 * What the task and library filters offer: the values of `pipeline_tag` and `library_name` among the models listed
 * at a snapshot, with their repos and downloads. `/api/facets` and the dashboard's filters read this body.
 */
import { modelFacets } from "../queries/index.js";
import type { AnswerContext } from "./bodies.js";

/** Tasks and libraries at a snapshot (`date` already resolved), `limit` of each by downloads. */
export async function facetsBody(ctx: AnswerContext, date: string, limit = 200) {
  const tasks = await ctx.query(modelFacets, { date, dimension: "task", limit });
  const libraries = await ctx.query(modelFacets, { date, dimension: "library", limit });
  return { date, tasks, libraries };
}

/** The body of {@link facetsBody}. */
export type FacetsAnswer = Awaited<ReturnType<typeof facetsBody>>;
