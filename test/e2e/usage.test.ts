/**
 * Browser test of the usage page (`#/usage`): the shared OpenRouter folder imported beside the committed sample, the
 * dashboard built with Vite and served with the real API (`serveDashboard`), Debian's Chromium driven by
 * playwright-core. The chart draws bands for the weeks named top 9 + Others, points where every model is named, gaps
 * where the total is unknown; the breakdown and the tables come from the same answers as the CLI. Screenshots go to
 * test-results/.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFiles } from "../../src/ingest/import-files.js";
import { importUsage } from "../../src/ingest/usage/import.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { hasShared, ROOT, SAMPLE, SHARED, tempDir } from "../helpers.js";
import { hasChromium, openPage, type ServedDashboard, serveDashboard } from "./setup.js";

const SHOTS = path.join(ROOT, "test-results");
const run = hasChromium("the usage page browser test") && hasShared();

describe.skipIf(!run)("usage page in a browser", () => {
  const tmp = tempDir("omo-e2e-usage-");
  let served: ServedDashboard;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    served = await serveDashboard(tmp.dir, async () => {
      const store = await DuckDBStore.open(path.join(tmp.dir, "usage.duckdb"));
      await importFiles(store, [SAMPLE]);
      await importUsage(store, [path.join(SHARED, "data/usage/openrouter")]);
      return store;
    });
  }, 180_000);

  afterAll(async () => {
    await served?.close();
    tmp.cleanup();
  });

  const open = (hash: string) => openPage(served, hash, pageErrors, { viewport: { width: 1280, height: 1000 } });

  it("weeks: a band where the total is known, a gap where it is not, no point", async () => {
    const page = await open("#/usage?period=week");
    const chart = page.locator('.chart[data-rendered="1"]').first();
    await chart.waitFor();
    // 102 weeks of the combined chart + 6 more weeks of the settled chart: 45 without a total, 58 with Others
    expect(await chart.getAttribute("data-bands")).toBe("58");
    expect(await chart.getAttribute("data-points")).toBe("0");
    expect(await chart.getAttribute("data-gaps")).toBe("45");
    await expect(page.getByTestId("usage-gaps").textContent()).resolves.toBe("45");
    const box = await chart.locator("canvas").first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(600);
    await page.locator("#usage-latest table").waitFor();
    await expect(page.locator("#usage-latest h2").textContent()).resolves.toMatch(/^2026-08-17: top 9 \+ known total/);
    await page.screenshot({ path: path.join(SHOTS, "usage-weeks.png"), fullPage: true });
    served.tabs.give(page);
  });

  it("7 days: points where every model is named, bands for the monthly top 15; the breakdown by country", async () => {
    const page = await open("#/usage?period=7d&by=country");
    const chart = page.locator('.chart[data-rendered="1"]').first();
    await chart.waitFor();
    expect(await chart.getAttribute("data-points")).toBe("42");
    expect(await chart.getAttribute("data-bands")).toBe("18");
    expect(await chart.getAttribute("data-gaps")).toBe("0");
    await page.locator("#usage-latest table").waitFor();
    const latest = await page.locator("#usage-latest").textContent();
    expect(latest).toMatch(/2026-08-21: every model \(542\)/);
    expect(latest).toMatch(/CN/);
    await page.locator("#usage-models table").waitFor();
    await expect(page.locator("#usage-models").textContent()).resolves.toMatch(/deepseek\/deepseek-v4-flash-20260423/);
    await page.locator("#usage-signals table").waitFor();
    await expect(page.locator("#usage-signals").textContent()).resolves.toMatch(/DeepSeek/);
    // switching the period keeps the state in the URL
    await page.selectOption("#usage-period", "day");
    await page.waitForFunction(() => location.hash.includes("period=day"));
    await page.locator('.chart[data-points="23"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, "usage-7d.png"), fullPage: true });
    served.tabs.give(page);
    expect(pageErrors).toEqual([]);
  });
});
