/**
 * The badge writer (SVG drawn by badge-maker): text widths measured as Verdana 11px, XML escaping, compact numbers,
 * styles, colours and the endpoint JSON.
 */
import { describe, expect, it } from "vitest";
import { badgeColor, compactNumber, renderBadgeSvg, shieldsEndpoint } from "../../src/server/badge-svg.js";

/** Checks that tags open and close in order (enough of XML well-formedness for the writer's output). */
function wellFormed(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name, attrs, self] = m as unknown as [string, string, string, string, string];
    if ((attrs.match(/"/g) ?? []).length % 2 !== 0) return false;
    if (close) {
      if (stack.pop() !== name) return false;
    } else if (!self) stack.push(name);
  }
  // no raw & except entities, no stray < in text
  const text = svg.replace(/<[^>]*>/g, "");
  return stack.length === 0 && !/&(?!(amp|lt|gt|quot|apos);)/.test(text) && !text.includes("<");
}

/** The drawn width in pixels of a text (its `textLength`, drawn at 10x scale) in a badge. */
function textPx(svg: string, text: string): number {
  const m = new RegExp(`textLength="(\\d+)"[^>]*>${text}</text>`).exec(svg);
  if (!m) throw new Error(`no text ${text} in ${svg}`);
  return Number(m[1]) / 10;
}

/** The width of a badge showing `message` alone. */
function messagePx(message: string): number {
  return textPx(renderBadgeSvg({ label: "", message }), message);
}

describe("text widths", () => {
  it("measures Verdana 11px advance widths", () => {
    expect(Math.abs(messagePx("downloads") - 58.5)).toBeLessThanOrEqual(1);
    expect(messagePx("0")).toBeCloseTo(7, 5);
    expect(messagePx("iii")).toBeLessThan(messagePx("mmm"));
    expect(messagePx("W")).toBeGreaterThan(messagePx("l"));
  });
  it("gives characters outside ASCII a width", () => {
    expect(messagePx("é")).toBeGreaterThan(0);
    expect(messagePx("😀")).toBeGreaterThan(0);
  });
});

describe("escaping", () => {
  it("escapes the five XML specials", () => {
    const svg = renderBadgeSvg({ label: `<a href="x">Tom & 'Jerry'</a>`, message: "ok" });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain("&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;");
  });
});

describe("compactNumber", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [1000, "1k"],
    [1049, "1k"],
    [1050, "1.1k"],
    [9_949, "9.9k"],
    [12_345, "12k"],
    [695_234, "695k"],
    [999_499, "999k"],
    [999_950, "1M"],
    [1_296_549, "1.3M"],
    [3_780_234, "3.8M"],
    [12_500_000, "13M"],
    [1_811_674_513, "1.8B"],
    [-2500, "-2.5k"],
  ])("%d → %s", (n, s) => {
    expect(compactNumber(n)).toBe(s);
  });
});

describe("renderBadgeSvg", () => {
  it("draws label and message, each part its measured text plus 5px on both sides", () => {
    const svg = renderBadgeSvg({ label: "downloads", message: "1.3M/month" });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain("<title>downloads: 1.3M/month</title>");
    const label = /<rect width="(\d+)" height="20" fill="#555"\/>/.exec(svg);
    const message = /<rect x="(\d+)" width="(\d+)" height="20" fill="#007ec6"\/>/.exec(svg);
    const labelW = Number(label?.[1]);
    const msgW = Number(message?.[2]);
    expect(labelW).toBe(Math.round(textPx(svg, "downloads") + 10));
    expect(msgW).toBe(Math.round(textPx(svg, "1.3M/month") + 10));
    expect(Number(message?.[1])).toBe(labelW);
    expect(svg).toContain(`width="${labelW + msgW}" height="20"`);
    expect(svg).toContain('rx="3"');
    expect(svg).toContain("linearGradient");
    // a longer message draws a wider badge
    const wider = renderBadgeSvg({ label: "downloads", message: "1,296,549/month" });
    expect(Number(/^<svg[^>]* width="(\d+)"/.exec(wider)?.[1])).toBeGreaterThan(labelW + msgW);
  });

  it("flat-square has square corners and no gradient", () => {
    const svg = renderBadgeSvg({ label: "a", message: "b", style: "flat-square", color: "green" });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).not.toContain("rx=");
    expect(svg).not.toContain("linearGradient");
    expect(svg).toContain('fill="#97ca00"');
  });

  it("escapes hostile text and cuts very long text", () => {
    const svg = renderBadgeSvg({ label: `<script>"&'`, message: "x".repeat(5000) });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;&quot;&amp;&apos;");
    expect(svg).toContain(`${"x".repeat(99)}…</text>`);
    expect(svg.length).toBeLessThan(3000);
  });

  it("an empty label draws the message alone", () => {
    const svg = renderBadgeSvg({ label: "", message: "ok" });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).not.toContain('fill="#555"');
    expect(svg).toContain("<title>ok</title>");
  });
});

describe("colours and the endpoint JSON", () => {
  it("knows shields colour names and hex colours; anything else is blue", () => {
    expect(badgeColor("lightgrey")).toBe("#9f9f9f");
    expect(badgeColor("ABC")).toBe("#ABC");
    expect(badgeColor("#123456")).toBe("#123456");
    expect(badgeColor("url(javascript:x)")).toBe("#007ec6");
  });
  it("shieldsEndpoint has the schema version 1 fields", () => {
    expect(shieldsEndpoint({ label: "downloads", message: "1.3M/month" })).toEqual({
      schemaVersion: 1,
      label: "downloads",
      message: "1.3M/month",
      color: "blue",
    });
    expect(shieldsEndpoint({ label: "downloads", message: "not found", color: "lightgrey" }, true)).toMatchObject({
      isError: true,
    });
  });
});
