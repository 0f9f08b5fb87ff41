/**
 * Models ranked by 30-day downloads, with the filters `/api/models` has: task (pipeline tag), library, licence tag,
 * organisation, how many. The whole state is in the URL: `#/models?task=text-generation&library=transformers`.
 */
import { getJson } from "../api.js";
import { figurePanel } from "../chart.js";
import { el, modelLink, numCol, orgLink, table } from "../dom.js";
import { param } from "../filters.js";
import type { Route } from "../router.js";
import type { ModelRow } from "../types.js";
import { analysisPage, DOWNLOADS_DEFINITION } from "./common.js";

/** Renders `#/models[?task=&library=&license=&author=&limit=]`. */
export async function renderModels(root: HTMLElement, route: Route): Promise<void> {
  await analysisPage(root, route, {
    crumb: "models",
    title: "Models",
    lead: "Models ranked by 30-day downloads at the latest snapshot, filtered by task, library, licence or organisation.",
    path: "/models",
    what: "Models",
    fields: [
      { key: "task", label: "task", kind: "task", placeholder: "any task (e.g. text-generation)" },
      { key: "library", label: "library", kind: "library", placeholder: "any library" },
      { key: "license", label: "licence tag", kind: "text", placeholder: "any (e.g. apache-2.0)" },
      { key: "author", label: "organisation", kind: "text", placeholder: "any" },
      { key: "date", label: "snapshot", kind: "snapshot" },
      {
        key: "limit",
        label: "models",
        kind: "select",
        fallback: "50",
        options: ["20", "50", "100", "500"].map((v) => [v, v]),
      },
    ],
    render: async (query) => {
      const filters = {
        task: query.get("task"),
        library: query.get("library"),
        license: query.get("license"),
        author: query.get("author"),
      };

      const r = await getJson<{ models: ModelRow[]; dataAsOf: string | null; date: string }>("/api/models", {
        ...filters,
        date: query.get("date"),
        limit: param(query, "limit", "50"),
      });
      const scope = Object.entries(filters)
        .filter(([, v]) => v)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ");
      return figurePanel(
        {
          title: `Top ${r.models.length} models${scope ? ` (${scope})` : ""}`,
          definition: DOWNLOADS_DEFINITION,
          queries: ["top-models"],
          dataAsOf: r.dataAsOf,
        },
        r.models.length
          ? table(
              r.models,
              [
                numCol("rank", (m) => m.rank),
                { header: "model", cell: (m) => modelLink(m.id), csv: (m) => m.id },
                numCol("downloads (30d)", (m) => m.downloads),
                numCol("likes", (m) => m.likes),
                { header: "task", cell: (m) => m.task ?? "" },
                { header: "library", cell: (m) => m.library ?? "" },
                { header: "licence", cell: (m) => m.license ?? "" },
                { header: "organisation", cell: (m) => orgLink(m.author), csv: (m) => m.author },
              ],
              { file: "omo-models", dataAsOf: r.dataAsOf },
            )
          : el("p", { class: "muted" }, "No model matches these filters in this snapshot."),
      );
    },
  });
}
