/**
 * The 400 answer of a request that does not fit its route's zod schema: which parameter, and a one-line message in
 * the API's words.
 */

/** One issue of a request that does not fit its route's zod schema (as fastify-type-provider-zod reports it). */
export interface ValidationIssue {
  /** The zod issue code (too_small, invalid_value, …). */
  keyword?: string;
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * The 400 answer of a request that does not fit its schema: the parameter at fault (a body field dotted, as the
 * CLI names it) and a one-line message. Impossible dates name the value; range checks give their own sentence.
 */
export function validationAnswer(
  issue: ValidationIssue,
  context: string | undefined,
  query: unknown,
): { error: string; param: string } {
  const keys = issue.params?.keys;
  const extra = Array.isArray(keys) && typeof keys[0] === "string" ? keys[0] : undefined;
  const path = (issue.instancePath ?? "").split("/").filter(Boolean);
  const message = issue.message ?? "invalid";
  if (context === "body" && (path.length > 0 || extra)) {
    const param = [...path, ...(extra ? [extra] : [])].join(".");
    return { error: `field "${param}": ${extra ? "unknown field" : message}`, param };
  }
  const param = extra ?? path[0] ?? context ?? "request";
  // a check over several parameters (from after to) words its whole message
  const own = issue.params?.params;
  if (own && typeof own === "object" && "whole" in own && own.whole === true) return { error: message, param };
  const given = query && typeof query === "object" ? Object.entries(query).find(([k]) => k === param)?.[1] : undefined;
  if (message === "not a real calendar date" && typeof given === "string") {
    return { error: `invalid ${param} "${given.slice(0, 100)}": ${message}`, param };
  }
  return { error: `invalid parameter "${param}": ${wording(issue, message, given)}`, param };
}

/**
 * The API's words for zod's generic messages (the ones it had before zod validated requests: `must be >= 1`, `must
 * NOT have more than 200 characters`, …); a schema's own message (a date, a window, a regular expression) as it is.
 */
function wording(issue: ValidationIssue, message: string, given: unknown): string {
  const p = issue.params ?? {};
  const chars = p.origin === "string";
  switch (issue.keyword) {
    case "too_small":
      if (!message.startsWith("Too small")) return message;
      return chars
        ? `must NOT have fewer than ${p.minimum} characters`
        : `must be ${p.inclusive === false ? ">" : ">="} ${p.minimum}`;
    case "too_big":
      if (!message.startsWith("Too big")) return message;
      return chars
        ? `must NOT have more than ${p.maximum} characters`
        : `must be ${p.inclusive === false ? "<" : "<="} ${p.maximum}`;
    case "invalid_type":
      if (!message.startsWith("Invalid input")) return message;
      if (given === undefined) return "is required";
      return p.expected === "number" ? "must be a number" : `must be ${p.expected}`;
    case "invalid_value":
      if (!message.startsWith("Invalid option")) return message;
      return `must be one of ${Array.isArray(p.values) ? p.values.join(", ") : "the allowed values"}`;
    default:
      return message;
  }
}
