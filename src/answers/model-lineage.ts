/**
 * A model's lineage answers: its direct derivatives at a snapshot (by relation, and the top ones by downloads), and
 * the families it belongs to with the chain of links that admits it — the same chain `omo family NAME --explain ID`
 * prints. The API (`/api/models/{id}/children`, `/api/models/{id}/family`), the dashboard's model page and the feeds
 * read these bodies.
 */
import { type Family, isOfficial } from "../domain/families.js";
import { RELATION_LABELS, type Relation, relationLabel } from "../domain/relations.js";
import { familyExplain, modelChildren, modelChildrenByRelation, modelParents } from "../queries/index.js";
import { type AnswerContext, familyParams, modelBody } from "./bodies.js";

/** Options of {@link modelChildrenBody}. */
export interface ChildrenOptions {
  /** Only children linked by this relation (null: all). */
  relation?: Relation | null;
  /** Children listed (largest first). */
  limit?: number;
}

/** A model's direct derivatives at a snapshot: counts by relation and the top children. 404 for an unknown model. */
export async function modelChildrenBody(ctx: AnswerContext, id: string, date: string, o: ChildrenOptions = {}) {
  const { model } = await modelBody(ctx, id, date);
  const relation = o.relation ?? null;
  const groups = await ctx.query(modelChildrenByRelation, { id: model.id, date });
  const children = await ctx.query(modelChildren, { id: model.id, date, relation, limit: o.limit ?? 20 });
  const byRelation = groups.map((g) => ({ ...g, label: relationLabel(g.relation) }));
  return {
    id: model.id,
    date,
    relation,
    definition:
      "Direct derivatives: repos listed in the snapshot that name this model as their base model (base_model tags, cardData.base_model, baseModels); downloads are their 30-day counts. Derivatives of derivatives are in the family's lineage.",
    total: {
      repos: byRelation.reduce((a, g) => a + g.repos, 0),
      downloads: byRelation.reduce((a, g) => a + g.downloads, 0),
    },
    byRelation,
    children: children.map((c) => ({ ...c, relationLabel: relationLabel(c.relation) })),
  };
}

/** The body of {@link modelChildrenBody}. */
export type ModelChildrenAnswer = Awaited<ReturnType<typeof modelChildrenBody>>;

/** Deepest chain of parents followed upwards (as the family walk's default depth). */
const MAX_UP = 50;

/**
 * The ancestors of a model (itself first, then parents, grandparents…) through base-model links, breadth-first, each
 * once; at most {@link MAX_UP} steps up.
 */
export async function ancestorIds(ctx: AnswerContext, id: string): Promise<string[]> {
  const seen = new Map<string, string>([[id.toLowerCase(), id]]);
  let frontier = [id.toLowerCase()];
  for (let step = 0; step < MAX_UP && frontier.length > 0; step++) {
    const rows = await ctx.query(modelParents, { keys: frontier.join(",") });
    const next: string[] = [];
    for (const r of rows) {
      if (seen.has(r.parentKey)) continue;
      seen.set(r.parentKey, r.parentId);
      next.push(r.parentKey);
    }
    frontier = next;
  }
  return [...seen.values()];
}

/**
 * The families a model belongs to at a snapshot: for each family with an official repo among the model and its
 * ancestors, the chain of links from an official repo down to the model, as the family walk admits it (each step
 * with its relation and label). Empty when it is in none.
 */
export async function modelFamiliesBody(ctx: AnswerContext, id: string, date: string) {
  const { model } = await modelBody(ctx, id, date);
  const ancestors = await ancestorIds(ctx, model.id);
  const candidates: Family[] = ctx.families.filter((f) => ancestors.some((a) => isOfficial(f, a)));
  const families = [];
  for (const f of candidates) {
    const steps = await ctx.query(familyExplain, { ...familyParams(f, {}, date), id: model.id });
    const lineage = steps.filter((s) => s.rule === "lineage");
    if (lineage.length === 0) continue;
    const chain = lineage.map((s) => {
      const relation = s.depth === 0 ? "official" : (s.relation ?? "unknown");
      return { id: s.id, depth: s.depth ?? 0, relation, label: relationLabel(relation), origin: s.origin };
    });
    families.push({ family: f.name, title: f.title, official: chain.length === 1, depth: chain.length - 1, chain });
  }
  return {
    id: model.id,
    date,
    licence: model.license,
    licenceClass: model.licenceClass,
    definition:
      "A family is its official repos (data/families) and every repo reached from them through base-model links; the chain is the one the family walk follows (breadth-first, smallest depth, smallest parent id on ties).",
    families,
    labels: RELATION_LABELS,
  };
}

/** The body of {@link modelFamiliesBody}. */
export type ModelFamiliesAnswer = Awaited<ReturnType<typeof modelFamiliesBody>>;
