import { describe, expect, it } from "vitest";
import { parseLinkNext, parseRateLimit } from "../../src/hub/link.js";

describe("parseLinkNext", () => {
  it("reads the Hub's Link header (absolute URL, one space after ';')", () => {
    const url =
      "https://huggingface.co/api/models?filter=text-classification&sort=downloads&cursor=eyIkb3IiOlt7ImRvd25sb2FkcyI6Mn1dfQ%3D%3D";
    expect(parseLinkNext(`<${url}>; rel="next"`)).toBe(url);
  });

  it("returns null for a missing or empty header and for links without rel=next", () => {
    expect(parseLinkNext(null)).toBeNull();
    expect(parseLinkNext("")).toBeNull();
    expect(parseLinkNext('<https://huggingface.co/api/models?cursor=a>; rel="prev"')).toBeNull();
    expect(parseLinkNext("not a link header")).toBeNull();
  });

  it("finds next among several members and tolerates spacing, unquoted and multi-valued rel", () => {
    expect(parseLinkNext('<https://h/a?cursor=1>; rel="prev", <https://h/a?cursor=2>; rel="next"')).toBe(
      "https://h/a?cursor=2",
    );
    expect(parseLinkNext("<https://h/a?cursor=3>;rel=next")).toBe("https://h/a?cursor=3");
    expect(parseLinkNext('<https://h/a?cursor=4> ; REL="next last"')).toBe("https://h/a?cursor=4");
  });

  it("keeps commas and semicolons inside the URL", () => {
    const url = "http://127.0.0.1:4000/api/models?search=a,b;c&cursor=x";
    expect(parseLinkNext(`<${url}>; rel="next"`)).toBe(url);
  });

  it("returns a relative URL as written (the client resolves it)", () => {
    expect(parseLinkNext('</api/models?cursor=5>; rel="next"')).toBe("/api/models?cursor=5");
  });
});

describe("parseRateLimit", () => {
  it("reads the real header of June 2026", () => {
    expect(parseRateLimit('"api";r=499;t=293')).toEqual({ remaining: 499, resetSeconds: 293 });
  });

  it("reads an exhausted window and tolerates whitespace", () => {
    expect(parseRateLimit('"api"; r=0; t=12')).toEqual({ remaining: 0, resetSeconds: 12 });
    expect(parseRateLimit('"resolvers";r=7;t=0')).toEqual({ remaining: 7, resetSeconds: 0 });
  });

  it("returns null when absent, incomplete or malformed", () => {
    expect(parseRateLimit(null)).toBeNull();
    expect(parseRateLimit("")).toBeNull();
    expect(parseRateLimit('"api";r=3')).toBeNull();
    expect(parseRateLimit('"api";r=x;t=5')).toBeNull();
    expect(parseRateLimit('"api";r=-1;t=5')).toBeNull();
  });

  it("takes the first complete policy item of a list", () => {
    expect(parseRateLimit('"api";q=5, "api";r=2;t=30')).toEqual({ remaining: 2, resetSeconds: 30 });
  });
});
