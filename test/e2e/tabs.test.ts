/**
 * The browser suites' tabs (setup.ts, `Tabs`): a tab given back and taken again holds a new document, with none of the
 * test before's script state, listeners, routes, HTTP cache, viewport or media, and a tab not given back is never
 * handed out.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasChromium, launchChromium, Tabs } from "./setup.js";

const chromiumThere = hasChromium("the browser tabs test");

describe.skipIf(!chromiumThere)("browser tabs taken in turn", () => {
  let server: http.Server;
  let base = "";
  let browser: Browser;
  /** Requests of the cacheable script, by the server's count. */
  let scriptRequests = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === "/page") {
        res.writeHead(200, { "content-type": "text/html" });
        res.end('<!doctype html><title>t</title><script src="/kept.js"></script><p id="p">page</p>');
      } else if (req.url === "/kept.js") {
        scriptRequests++;
        // kept five minutes, as the API's answers
        res.writeHead(200, { "content-type": "text/javascript", "cache-control": "public, max-age=300" });
        res.end("window.loaded = (window.loaded ?? 0) + 1;");
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end('{"error":"no route"}');
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((r) => server?.close(r));
  });

  it("a tab given back holds a new document, without the test before's state, listeners, routes, cache or look", async () => {
    const tabs = new Tabs(browser, base);
    const first = await tabs.take({ viewport: { width: 390, height: 700 }, reducedMotion: "no-preference" });
    const seenBefore: string[] = [];
    first.on("console", (m) => seenBefore.push(m.text()));
    await first.goto(`${base}/page`);
    await first.goto(`${base}/page`);
    // the second load took the script from the tab's cache
    expect(scriptRequests).toBe(1);
    let routed = 0;
    await first.route("**/page", (route) => {
      routed++;
      return route.continue();
    });
    await first.evaluate(() => {
      (window as unknown as { mark: number }).mark = 1;
    });
    await first.emulateMedia({ media: "print" });
    tabs.give(first);

    const second = await tabs.take();
    expect(second).toBe(first);
    const seenAfter: string[] = [];
    second.on("console", (m) => seenAfter.push(m.text()));
    await second.goto(`${base}/page`);
    await second.evaluate(() => console.log("after"));
    const state = await second.evaluate(() => ({
      mark: (window as unknown as { mark?: number }).mark ?? null,
      loaded: (window as unknown as { loaded?: number }).loaded ?? null,
      width: document.documentElement.clientWidth,
      reduced: matchMedia("(prefers-reduced-motion: reduce)").matches,
      print: matchMedia("print").matches,
    }));
    expect(state).toEqual({ mark: null, loaded: 1, width: 1280, reduced: true, print: false });
    // the script was asked for again (the cache emptied), the route and the first listener are gone
    expect(scriptRequests).toBe(2);
    expect(routed).toBe(0);
    expect(seenAfter).toEqual(["after"]);
    expect(seenBefore).not.toContain("after");

    // a tab in use (not given back) is not handed out: a new one is
    const third = await tabs.take();
    expect(third).not.toBe(second);
    await third.close();
    tabs.give(third);
    tabs.give(second);
    // a closed tab given back is never handed out either
    expect(await tabs.take()).toBe(second);
    await second.close();
  });
});
