/** The badge writer: text widths from the Verdana table, XML escaping, compact numbers, SVG and endpoint JSON. */
import { describe, expect, it } from "vitest";
import {
  badgeColor,
  compactNumber,
  escapeXml,
  renderBadgeSvg,
  shieldsEndpoint,
  textWidth,
} from "../../src/server/badge-svg.js";

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

describe("textWidth", () => {
  it("sums Verdana 11px advance widths", () => {
    expect(textWidth("")).toBe(0);
    expect(textWidth("0")).toBeCloseTo(7, 5);
    expect(textWidth("downloads")).toBeCloseTo(58.5, 5);
    expect(textWidth("iii")).toBeLessThan(textWidth("mmm"));
    expect(textWidth("W")).toBeGreaterThan(textWidth("l"));
  });
  it("gives characters outside the table the width of @", () => {
    expect(textWidth("é")).toBeCloseTo(textWidth("@"), 5);
    expect(textWidth("😀")).toBeCloseTo(11, 5);
  });
});

describe("escapeXml", () => {
  it("escapes the five XML specials", () => {
    expect(escapeXml(`<a href="x">Tom & 'Jerry'</a>`)).toBe(
      "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jerry&apos;&lt;/a&gt;",
    );
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
  it("draws label and message with widths from the table", () => {
    const svg = renderBadgeSvg({ label: "downloads", message: "1.3M/month" });
    expect(wellFormed(svg)).toBe(true);
    expect(svg).toContain("<title>downloads: 1.3M/month</title>");
    const labelW = Math.round(textWidth("downloads") + 10);
    const msgW = Math.round(textWidth("1.3M/month") + 10);
    expect(svg).toContain(`width="${labelW + msgW}" height="20"`);
    expect(svg).toContain(`<rect width="${labelW}" height="20" fill="#555"/>`);
    expect(svg).toContain(`<rect x="${labelW}" width="${msgW}" height="20" fill="#007ec6"/>`);
    expect(svg).toContain(`textLength="${Math.round(textWidth("downloads") * 10)}">downloads</text>`);
    expect(svg).toContain('rx="3"');
    expect(svg).toContain("linearGradient");
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
