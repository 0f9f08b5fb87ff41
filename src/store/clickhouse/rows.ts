/**
 * Adapts ClickHouse result rows to the catalog's row schemas where the two type systems differ (18.16):
 * - no Bool type: a boolean expression yields UInt8, so fields a schema declares boolean get `0/1 → false/true`;
 * - no Nullable(Array): a query returns `<field>__null` (UInt8) next to an array field; 1 makes the field null and
 *   the marker column is dropped;
 * - no named tuples: an array of tuples comes back as an array of arrays, which becomes an array of objects with the
 *   keys of the schema's element object, in order.
 */
import type { z } from "zod";

interface ZodDef {
  type?: string;
  innerType?: unknown;
  shape?: Record<string, unknown>;
  element?: unknown;
}
interface ZodInternals {
  _zod?: { def?: ZodDef };
}

/** The innermost schema (through nullable/optional/default wrappers). */
function unwrap(schema: unknown): ZodDef | undefined {
  let t = schema as ZodInternals;
  for (let i = 0; i < 10 && t?._zod?.def?.innerType; i++) t = t._zod.def.innerType as ZodInternals;
  return t?._zod?.def;
}

interface FieldPlan {
  booleans: string[];
  /** Array fields whose elements are objects: field → element keys in order. */
  tupleArrays: Array<[string, string[]]>;
}

const plans = new WeakMap<object, FieldPlan>();

function planFor(schema: z.ZodType): FieldPlan {
  const cached = plans.get(schema);
  if (cached) return cached;
  const shape = unwrap(schema)?.shape ?? {};
  const plan: FieldPlan = { booleans: [], tupleArrays: [] };
  for (const [k, v] of Object.entries(shape)) {
    const def = unwrap(v);
    if (def?.type === "boolean") plan.booleans.push(k);
    if (def?.type === "array") {
      const el = unwrap(def.element);
      if (el?.type === "object" && el.shape) plan.tupleArrays.push([k, Object.keys(el.shape)]);
    }
  }
  plans.set(schema, plan);
  return plan;
}

/** Applies the conversions above to one row. */
export function coerceRow(schema: z.ZodType, row: Record<string, unknown>): Record<string, unknown> {
  const plan = planFor(schema);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (k.endsWith("__null")) continue;
    out[k] = row[`${k}__null`] === 1 ? null : v;
  }
  for (const f of plan.booleans) {
    const v = out[f];
    if (v === 0 || v === 1) out[f] = v === 1;
  }
  for (const [f, keys] of plan.tupleArrays) {
    const v = out[f];
    if (!Array.isArray(v)) continue;
    out[f] = v.map((el) => (Array.isArray(el) ? Object.fromEntries(keys.map((key, i) => [key, el[i] ?? null])) : el));
  }
  return out;
}
