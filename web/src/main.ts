/** The dashboard: hash routes to pages, the "data as of" in the header. */
import { getJson } from "./api.js";
import { disposeCharts } from "./chart.js";
import { el, notice } from "./dom.js";
import { renderCompare } from "./pages/compare.js";
import { renderConcentration } from "./pages/concentration.js";
import { renderCost } from "./pages/cost.js";
import { renderFamily } from "./pages/family.js";
import { renderGrowth } from "./pages/growth.js";
import { renderHome } from "./pages/home.js";
import { renderModel } from "./pages/model.js";
import { renderModels } from "./pages/models.js";
import { renderOpenVsClosed } from "./pages/open-vs-closed.js";
import { renderOpenness } from "./pages/openness.js";
import { renderOrg } from "./pages/org.js";
import { renderOrgs } from "./pages/orgs.js";
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
  if (rest.length > 0) return null;
  if (head === "models") return { page: renderModels, title: "Models" };
  if (head === "orgs") return { page: renderOrgs, title: "Organisations" };
  if (head === "openness") return { page: renderOpenness, title: "Openness" };
  if (head === "concentration") return { page: renderConcentration, title: "Concentration" };
  if (head === "growth") return { page: renderGrowth, title: "Growth" };
  if (head === "cost") return { page: renderCost, title: "Cost" };
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
  for (const a of document.querySelectorAll<HTMLAnchorElement>(".top nav a")) {
    const here = a.getAttribute("href") === `#/${r.parts[0] ?? ""}`;
    if (here) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
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
