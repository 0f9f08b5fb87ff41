/**
 * Shared set-up of the dashboard and embed tests: a temporary DuckDB file with the committed sample (2024-07-11)
 * and the meta-llama/lmsys fixture imported again as 2024-08-11, so every series has two points.
 */
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { importFiles } from "../../src/ingest/import-files.js";
import type { Store } from "../../src/store/store.js";
import { ROOT, SAMPLE } from "../helpers.js";
import { duckFromTemplate, madeOnceInRun } from "../support/store-templates.js";

/** The second snapshot's file (48 models of meta-llama and lmsys). */
export const SECOND = path.join(ROOT, "test/fixtures/hub/subset-meta-llama-lmsys.jsonl");

/** The date the second snapshot is imported as. */
export const SECOND_DATE = "2024-08-11";

/** Opens a store at `dbPath` loaded with the two snapshots (a copy of the run's template, built once). */
export function twoSnapshotStore(dbPath: string): Promise<Store> {
  return duckFromTemplate("two-snapshot", dbPath, async (store) => {
    await importFiles(store, [SAMPLE]);
    await importFiles(store, [SECOND], { date: SECOND_DATE });
  });
}

/** Debian's Chromium (never a downloaded browser); `OMO_CHROMIUM` overrides. */
export const CHROMIUM = process.env.OMO_CHROMIUM ?? "/usr/bin/chromium";

/**
 * Whether Chromium is installed. Without it a browser suite skips with a message naming `what`; with CI=true a
 * missing browser is a failure (`.ci/run` installs it).
 */
export function hasChromium(what: string): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.CI === "true")
    throw new Error(`CI=true but Chromium is missing at ${CHROMIUM} (apt-get install -y chromium)`);
  console.warn(`skipping ${what}: no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
  return false;
}

/** Launches Chromium headless with the flags this machine's closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-quic",
      "--no-first-run",
      "--disable-sync",
    ],
  });
}

/**
 * The dashboard built with Vite: once per run, in the run's folder ({@link madeOnceInRun}; a build cost ~3.5 s of CPU
 * with esbuild's, and four browser suites serve the same files), else into `dir/web`. Returns the folder to serve.
 */
export async function builtDashboard(dir: string): Promise<string> {
  const build = async (outDir: string) => {
    const vite = await import("vite");
    await vite.build({
      configFile: path.join(ROOT, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
  };
  const made = await madeOnceInRun("dashboard-web", build);
  if (made) return made;
  const webRoot = path.join(dir, "web");
  await build(webRoot);
  return webRoot;
}

/** The dashboard served with the real API over a store, and Chromium (for the browser suites). */
export interface ServedDashboard {
  base: string;
  store: Store;
  browser: Browser;
  /** The browser's tabs, taken in turn by the tests. */
  tabs: Tabs;
  close(): Promise<void>;
}

/**
 * The dashboard ({@link builtDashboard}) served with the real API over the store `makeStore` prepares, on a free
 * loopback port, and Chromium; `close` stops all three. Screenshots go to test-results/.
 */
export async function serveDashboard(dir: string, makeStore: () => Promise<Store>): Promise<ServedDashboard> {
  const { buildApp } = await import("../../src/server/app.js");
  const [store, webRoot] = await Promise.all([makeStore(), builtDashboard(dir)]);
  const app = await buildApp({ store, webRoot, rateLimit: false });
  const base = await app.listen({ host: "127.0.0.1", port: 0 });
  const browser = await launchChromium();
  mkdirSync(path.join(ROOT, "test-results"), { recursive: true });
  return {
    base,
    store,
    browser,
    tabs: new Tabs(browser, base),
    close: async () => {
      await browser.close();
      await app.close();
      await store.close();
    },
  };
}

/** What a page is opened with: its viewport and the reader's motion wish. */
export interface PageLook {
  viewport?: { width: number; height: number };
  reducedMotion?: "reduce" | "no-preference";
}

/**
 * The tabs a browser suite's tests take in turn, each test's page a new document in a tab a test before gave back.
 * Chromium spent ~2.7 s of CPU on loading the dashboard in a new page (a browser context, and three or four renderer
 * processes per new tab) and ~1.0 s on loading it again in a used tab after a same-origin address (its renderer
 * kept). The browser suites open ~30 pages: their Chromium CPU went from 146 s to 83 s (test/e2e alone, CI=true).
 *
 * What a test is given is what a new page gave it: a new document (its own script state and DOM), none of the
 * listeners or routes of the test before, an empty HTTP cache (the API's answers may be kept 5 minutes), the viewport
 * and motion wish asked for. What the tab keeps: its session history, cookies and storage (the dashboard uses none of
 * them). A page never given back (its test failed, or it is still in use) is never handed out again.
 */
export class Tabs {
  readonly #free: Page[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly base: string,
  ) {}

  /** A tab at a blank same-origin document (a 404 answer), ready for the page; a new tab when none is free. */
  async take(look: PageLook = {}): Promise<Page> {
    const viewport = look.viewport ?? { width: 1280, height: 900 };
    const reducedMotion = look.reducedMotion ?? "reduce";
    let page = this.#free.pop();
    while (page?.isClosed()) page = this.#free.pop();
    if (!page) return this.browser.newPage({ viewport, reducedMotion });
    await page.removeAllListeners();
    await page.unrouteAll();
    // a same-origin address first (another origin, about:blank included, starts new renderer processes)
    await page.goto(`${this.base}/__test-blank__`);
    const cdp = await page.context().newCDPSession(page);
    try {
      await cdp.send("Network.clearBrowserCache");
    } finally {
      await cdp.detach();
    }
    await page.setViewportSize(viewport);
    await page.emulateMedia({ media: null, reducedMotion });
    return page;
  }

  /** Gives `page` back for a later test (it is left as it is until then). */
  give(page: Page): void {
    if (!page.isClosed() && !this.#free.includes(page)) this.#free.push(page);
  }
}

/**
 * Opens `hash` (or a path such as `/docs`) of the served dashboard in a tab of `tabs` (give it back when done), at
 * `look` (default 1280×900, reduced motion: charts drawn without animation, which the dashboard honours), collecting
 * script errors and console errors (but those matching `ignoreConsole`) into `errors`.
 */
export async function openPage(
  served: Pick<ServedDashboard, "base"> & { tabs: Tabs },
  hash: string,
  errors: string[],
  look: PageLook = {},
  ignoreConsole?: RegExp,
): Promise<Page> {
  const page = await served.tabs.take(look);
  page.on("pageerror", (e) => errors.push(`${hash}: ${e.message}`));
  page.on("console", (m) => {
    if (m.type() === "error" && !ignoreConsole?.test(m.text())) errors.push(`${hash}: console: ${m.text()}`);
  });
  await page.goto(`${served.base}${hash.startsWith("/") ? "" : "/"}${hash}`);
  return page;
}
