/**
 * The "Open vs closed" dashboard page in Debian's Chromium: the real API over the two-snapshot store plus a cut of the
 * real leaderboard files (every header variant, both scale breaks), the gap chart drawn per segment, the frontier
 * scatter and the top-20 table, the table chosen in the URL. Screenshot: test-results/dashboard-open-vs-closed.png.
 * Skips without Chromium or ../shared (fails instead with CI=true).
 */
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importLeaderboardFiles } from "../../src/ingest/leaderboards.js";
import { LEADERBOARD_CUT } from "../contract/leaderboards.cases.js";
import { hasShared, ROOT, tempDir } from "../helpers.js";
import { hasChromium, openPage, type ServedDashboard, serveDashboard, twoSnapshotStore } from "./setup.js";

const SHOTS = path.join(ROOT, "test-results");
const ready = hasChromium("the open-vs-closed page test") && hasShared();

describe.skipIf(!ready)("Open vs closed page in a browser", () => {
  const tmp = tempDir("omo-e2e-ovc-");
  let served: ServedDashboard;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    served = await serveDashboard(tmp.dir, async () => {
      const store = await twoSnapshotStore(path.join(tmp.dir, "e2e.duckdb"));
      await importLeaderboardFiles(store, LEADERBOARD_CUT);
      return store;
    });
  }, 240_000);

  afterAll(async () => {
    await served?.close();
    tmp.cleanup();
  });

  const open = (hash: string): Promise<Page> => openPage(served, hash, pageErrors);

  it("shows the gap per segment, months behind, the frontier and the top 20; the table is kept in the URL", async () => {
    const page = await open("#/open-vs-closed");
    await page.getByRole("heading", { name: "Open vs closed" }).waitFor();
    const figures = page.locator("#ovc-figures");
    await expect.poll(() => figures.textContent(), { timeout: 60_000 }).toContain("claude-fable-5");
    await expect(figures.textContent()).resolves.toContain("kimi-k3-max");
    await expect(figures.textContent()).resolves.toMatch(/months behind now/);
    // the gap chart: drawn, one legend entry per segment, the breaks and the exception listed
    const gapChart = page.locator('#ovc-gap .chart[data-rendered="1"]');
    await gapChart.waitFor();
    const box = await gapChart.locator("canvas").first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(600);
    await expect(page.locator("#ovc-segments li").count()).resolves.toBe(5);
    await expect(page.locator("#ovc-segments").textContent()).resolves.toContain("llama-4-maverick-experimental");
    // the frontier and the top 20 of the latest full table of the cut
    await expect(page.locator("#ovc-date").inputValue()).resolves.toBe("2026-07-30");
    await page.locator('#ovc-frontier .chart[data-rendered="1"]').waitFor();
    await page.getByRole("heading", { name: /Top 20 of 2026-07-30/ }).waitFor();
    await expect(page.locator("#ovc-top table.data tbody tr").count()).resolves.toBe(20);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-open-vs-closed.png"), fullPage: true });

    await page.selectOption("#ovc-date", "2024-07-31");
    await page.getByRole("heading", { name: /Top 20 of 2024-07-31/ }).waitFor();
    expect(page.url()).toContain("date=2024-07-31");
    const first = page.locator("#ovc-top table.data tbody tr").first();
    await expect(first.textContent()).resolves.toContain("GPT-4o-2024-05-13");
    await expect(page.locator("#ovc-top").textContent()).resolves.toContain("google/gemma-2-27b-it");
    await page.locator('#ovc-frontier .chart[data-rendered="1"]').waitFor();
    await page.screenshot({ path: path.join(SHOTS, "dashboard-open-vs-closed-2024-07-31.png"), fullPage: true });

    // the URL alone restores the chosen table
    const again = await open("#/open-vs-closed?date=2024-07-31");
    await again.getByRole("heading", { name: /Top 20 of 2024-07-31/ }).waitFor();
    served.tabs.give(again);
    served.tabs.give(page);
  });

  it("no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
