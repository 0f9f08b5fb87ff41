/**
 * The 400s of requests that do not fit a route's zod schema: the parameter named and the API's one-line message, from
 * the issues fastify-type-provider-zod reports for real schemas of the routes.
 */
import { validatorCompiler } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { IsoDate, MatchParam } from "../../src/queries/common.js";
import { GrowthWindow } from "../../src/queries/params/growth.js";
import { type ValidationIssue, validationAnswer } from "../../src/server/validation.js";

const QUERY = z.object({
  date: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  q: z.string().trim().min(1).max(200),
  style: z.enum(["flat", "flat-square"]).default("flat"),
  window: GrowthWindow,
  match: MatchParam,
});

/** The issues a validator reports (none when the value fits). */
function issuesOf(result: unknown): ValidationIssue[] {
  if (result && typeof result === "object" && "error" in result && Array.isArray(result.error)) return result.error;
  return [];
}

/** The first issue the route's validator reports for `query`, and the answer to it. */
function answer(query: Record<string, string>, context = "querystring") {
  const validate = validatorCompiler({ schema: QUERY, method: "GET", url: "/api/x", httpPart: context });
  const issues = issuesOf(validate(query));
  expect(issues.length, JSON.stringify(query)).toBeGreaterThan(0);
  return validationAnswer(issues[0] ?? {}, context, query);
}

describe("400 answers of the zod-validated routes", () => {
  it("name the parameter with the API's words for bounds, types, options and missing values", () => {
    expect(answer({ q: "x", limit: "0" })).toEqual({
      error: 'invalid parameter "limit": must be >= 1',
      param: "limit",
    });
    expect(answer({ q: "x", limit: "5000" })).toEqual({
      error: 'invalid parameter "limit": must be <= 1000',
      param: "limit",
    });
    expect(answer({ q: "x", limit: "abc" }).error).toBe('invalid parameter "limit": must be a number');
    expect(answer({}).error).toBe('invalid parameter "q": is required');
    expect(answer({ q: "  " }).error).toBe('invalid parameter "q": must NOT have fewer than 1 characters');
    expect(answer({ q: "x".repeat(201) }).error).toBe('invalid parameter "q": must NOT have more than 200 characters');
    expect(answer({ q: "x", style: "plastic" }).error).toBe(
      'invalid parameter "style": must be one of flat, flat-square',
    );
  });

  it("keep a schema's own message: impossible dates name the value, windows and patterns say what is expected", () => {
    expect(answer({ q: "x", date: "2024-02-31" })).toEqual({
      error: 'invalid date "2024-02-31": not a real calendar date',
      param: "date",
    });
    expect(answer({ q: "x", date: "2024-7-11" }).error).toBe('invalid parameter "date": expected a date YYYY-MM-DD');
    expect(answer({ q: "x", window: "14" }).error).toBe(
      'invalid parameter "window": expected a window of 7, 30 or 90 days',
    );
    expect(answer({ q: "x", match: "(" })).toEqual({
      error: 'invalid parameter "match": invalid regular expression',
      param: "match",
    });
  });

  it("name a body field dotted, and an unknown one", () => {
    const body = z.strictObject({ workload: z.object({ tokensPerMonth: z.number().min(0, "must not be negative") }) });
    const validate = validatorCompiler({ schema: body, method: "POST", url: "/api/cost", httpPart: "body" });
    const first = (data: unknown): ValidationIssue => issuesOf(validate(data))[0] ?? {};
    expect(validationAnswer(first({ workload: { tokensPerMonth: -1 } }), "body", {})).toEqual({
      error: 'field "workload.tokensPerMonth": must not be negative',
      param: "workload.tokensPerMonth",
    });
    expect(validationAnswer(first({ workload: { tokensPerMonth: 1 }, colour: 1 }), "body", {})).toEqual({
      error: 'field "colour": unknown field',
      param: "colour",
    });
  });
});
