/** The dashboard: hash routes to pages, the "data as of" in the header. */
import { getJson } from "./api.js";
import { disposeCharts } from "./chart.js";
import { el, notice } from "./dom.js";
import { renderCompare } from "./pages/compare.js";
import { renderFamily } from "./pages/family.js";
import { renderHome } from "./pages/home.js";
import { renderModel } from "./pages/model.js";
import { renderOpenVsClosed } from "./pages/open-vs-closed.js";
import { renderOrg } from "./pages/org.js";
import { renderUsage } from "./pages/usage.js";
import { currentRoute, type Route } from "./router.js";
import type { Health } from "./types.js";

type Page = (root: HTMLElement, route: Route) => Promise<void>;

function pageFor(route: Route): { page: Page; title: string } | null {
  const [head, ...rest] = route.parts;
  if (!head) return { page: renderHome, title: "Open Model Observatory" };
  if (head === "model" && rest.length === 2) return { page: renderModel, title: rest.join("/") };
  if (head === "org" && rest.length === 1) return { page: renderOrg, title: rest[0] as string };
  if (head === "family" && rest.length === 1) return { page: renderFamily, title: rest[0] as string };
  if (head === "compare") return { page: renderCompare, title: "Compare" };
  if (head === "usage") return { page: renderUsage, title: "Who serves the tokens" };
  if (head === "open-vs-closed") return { page: renderOpenVsClosed, title: "Open vs closed" };
  return null;
}

let generation = 0;

async function route(): Promise<void> {
  const app = document.getElementById("app") as HTMLElement;
  const r = currentRoute();
  const found = pageFor(r);
  disposeCharts();
  app.textContent = "";
  const mine = ++generation;
  if (!found) {
    app.append(el("h1", {}, "Page not found"), notice(`No page at ${location.hash}.`), el("a", { href: "#/" }, "Home"));
    return;
  }
  document.title = `${found.title} · omo`;
  const host = el("div", { class: "page" });
  app.append(host);
  try {
    await found.page(host, r);
  } catch (err) {
    if (mine === generation) host.append(notice(`Could not load this page: ${(err as Error).message}`, "error"));
  }
}

async function header(): Promise<void> {
  const slot = document.getElementById("as-of");
  try {
    const h = await getJson<Health>("/api/health");
    if (slot && h.dataAsOf) slot.textContent = `data as of ${h.dataAsOf}`;
  } catch {
    if (slot) slot.textContent = "API not available";
  }
}

window.addEventListener("hashchange", () => void route());
void header();
void route();
