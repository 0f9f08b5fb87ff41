/**
 * Errors a user can act on. The CLI prints `err.message` as one line (stack only with `--debug`)
 * and exits non-zero.
 */

/** Where in an input a problem was found. All parts optional; the message names what is known. */
export interface InputLocation {
  /** File path as the user gave it. */
  file?: string;
  /** 1-based line (JSONL, CSV: physical record number) or array index + 1 (JSON pages). */
  line?: number;
  /** Field / column name. */
  field?: string;
}

/** Bad input data or options: names the problem and the place (file, line, field). */
export class InputError extends Error {
  readonly location: InputLocation;
  constructor(problem: string, location: InputLocation = {}) {
    super(formatLocated(problem, location));
    this.name = "InputError";
    this.location = location;
  }
}

/** A Hub request that failed for good (after retries), with status and the request URL (never the token). */
export class HubError extends Error {
  readonly status: number | undefined;
  readonly url: string;
  constructor(message: string, url: string, status?: number) {
    super(`${message} (${status === undefined ? "no response" : `HTTP ${status}`}; ${url})`);
    this.name = "HubError";
    this.status = status;
    this.url = url;
  }
}

/** Formats `file:line: field "x": problem` in the order a user reads it. */
export function formatLocated(problem: string, loc: InputLocation): string {
  const where: string[] = [];
  if (loc.file !== undefined) where.push(loc.line !== undefined ? `${loc.file}:${loc.line}` : loc.file);
  else if (loc.line !== undefined) where.push(`line ${loc.line}`);
  if (loc.field !== undefined) where.push(`field "${loc.field}"`);
  return where.length ? `${where.join(": ")}: ${problem}` : problem;
}
