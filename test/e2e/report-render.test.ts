/// <reference lib="dom" />
/**
 * The HTML report in Debian's Chromium: `/report` served by the real API over two snapshots, rendered at A4 width on
 * screen and in print, to a PNG and a PDF (test-results/): nothing wider than the page, every chart drawn, no script
 * errors, a multi-page PDF.
 */
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/server/app.js";
import type { Store } from "../../src/store/store.js";
import { ROOT, tempDir } from "../helpers.js";
import { hasChromium, launchChromium, twoSnapshotStore } from "./setup.js";

const SHOTS = path.join(ROOT, "test-results");
/** A4 at 96 dpi: 210 mm = 794 CSS px; the print area inside 12 mm margins: 186 mm = 703 px. */
const A4_WIDTH = 794;
const PRINT_WIDTH = 703;

const chromiumThere = hasChromium("the report rendering tests");

/** Elements whose right edge passes the viewport, as `tag#id.class` strings. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll("main *"))) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > width + 1)
        out.push(
          `${el.tagName.toLowerCase()}#${el.id}.${el.className} ${Math.round(r.right)} ${(el.textContent ?? "").slice(0, 60)}`,
        );
    }
    if (document.documentElement.scrollWidth > width + 1)
      out.push(`page scrollWidth ${document.documentElement.scrollWidth}`);
    return out.slice(0, 10);
  });
}

describe.skipIf(!chromiumThere)("HTML report in a browser", () => {
  const tmp = tempDir("omo-report-e2e-");
  let store: Store;
  let app: FastifyInstance;
  let browser: Browser;
  let base = "";

  beforeAll(async () => {
    store = await twoSnapshotStore(path.join(tmp.dir, "report.duckdb"));
    app = await buildApp({ store, rateLimit: false });
    base = await app.listen({ host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    mkdirSync(SHOTS, { recursive: true });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await store?.close();
    tmp.cleanup();
  });

  for (const lang of ["en", "it"] as const) {
    it(`${lang}: fits A4 on screen and in print, charts drawn, PNG and PDF written`, async () => {
      const errors: string[] = [];
      const page = await browser.newPage({ viewport: { width: A4_WIDTH, height: 1100 } });
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("console", (m) => {
        if (m.type() === "error" && !m.text().startsWith("Failed to load resource")) errors.push(m.text());
      });
      // the report is self-contained: no request but the page itself (the browser's own favicon probe aside)
      page.on("request", (r) => {
        if (!/\/report\?lang=|\/favicon\.ico$/.test(r.url())) errors.push(`request ${r.url()}`);
      });
      const res = await page.goto(`${base}/report?lang=${lang}`);
      expect(res?.status()).toBe(200);
      await expect(page.locator("h1").textContent()).resolves.toBe(
        lang === "it" ? "Lo stato dei modelli aperti" : "State of open models",
      );
      // four charts (top families, Llama 2 lineage, openness, history), each drawn at a real size
      const charts = await page.locator("figure.chart svg").evaluateAll((els) =>
        els.map((e) => {
          const r = e.getBoundingClientRect();
          return { w: r.width, h: r.height, shapes: e.querySelectorAll("path, rect, polygon").length };
        }),
      );
      expect(charts).toHaveLength(4);
      for (const c of charts) {
        expect(c.w).toBeGreaterThan(600);
        expect(c.h).toBeGreaterThan(100);
        expect(c.shapes).toBeGreaterThan(5);
      }
      // every figure link lands on a note
      const broken = await page
        .locator("a.fig")
        .evaluateAll((links) =>
          links.map((a) => a.getAttribute("href") ?? "").filter((h) => !document.getElementById(h.slice(1))),
        );
      expect(broken).toEqual([]);
      expect(await overflowing(page)).toEqual([]);
      const png = path.join(SHOTS, `report-${lang}.png`);
      await page.screenshot({ path: png, fullPage: true });
      expect((await readFile(png)).subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");

      await page.emulateMedia({ media: "print" });
      await page.setViewportSize({ width: PRINT_WIDTH, height: 1000 });
      expect(await overflowing(page)).toEqual([]);
      const pdf = path.join(SHOTS, `report-${lang}.pdf`);
      await page.pdf({ path: pdf, format: "A4", printBackground: true });
      const bytes = await readFile(pdf);
      expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
      const pages = bytes.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
      expect(pages).toBeGreaterThan(2);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
