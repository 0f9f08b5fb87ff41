/** Organisation page: totals, versions grouped with shares, repos table, history; a name filter in the URL. */
import { ApiError, getJson } from "../api.js";
import { disposeCharts, figurePanel } from "../chart.js";
import { append, el, familyLink, modelLink, notice, num, numCol, shareBar, stat, table } from "../dom.js";
import { dominantNote } from "../outlier.js";
import { type Route, replaceQuery } from "../router.js";
import type { OrgDetail, OrgVersion, OrgVersions } from "../types.js";
import { historyPanel } from "./common.js";

/** Renders `#/org/AUTHOR[?match=REGEX]`. */
export async function renderOrg(root: HTMLElement, route: Route): Promise<void> {
  const author = route.parts[1] as string;
  const query = new URLSearchParams(route.query);
  const body = el("div", { class: "org-body" });
  const input = el("input", {
    type: "search",
    id: "org-match",
    value: query.get("match") ?? "",
    placeholder: "filter repo names (regular expression, e.g. vicuna)",
    "aria-label": "Filter repos by name",
  });
  const form = el("form", { class: "filter" }, input, el("button", { type: "submit" }, "Filter"));
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const v = input.value.trim();
    if (v) query.set("match", v);
    else query.delete("match");
    replaceQuery(`/org/${encodeURIComponent(author)}`, query);
    void load();
  });
  root.append(
    el("p", { class: "crumbs" }, el("a", { href: "#/" }, "Home"), " / organisation"),
    el("h1", {}, author),
    form,
    body,
  );

  async function load(): Promise<void> {
    disposeCharts();
    body.textContent = "Loading…";
    const match = query.get("match");
    let o: OrgDetail;
    let versions: OrgVersion[] | null = null;
    let families: string[] = [];
    const url = `/api/orgs/${encodeURIComponent(author)}`;
    try {
      const [detail, grouped] = await Promise.all([
        getJson<OrgDetail>(url, { match }),
        getJson<OrgVersions>(url, { match, versions: "1" }).catch(() => null),
      ]);
      o = detail;
      versions = grouped?.versions ?? null;
      families = grouped?.families ?? [];
    } catch (err) {
      body.textContent = "";
      body.append(
        notice(
          err instanceof ApiError && err.notFound
            ? `Organisation ${author}: not found or not available.`
            : (err as Error).message,
          "error",
        ),
      );
      return;
    }
    body.textContent = "";
    // the API gives shares as fractions of 1; accept percentages too
    const fraction = (versions ?? []).every((v) => v.share <= 1);
    const scope = match ? ` matching /${match}/i` : "";
    append(
      body,
      el(
        "div",
        { class: "stats", id: "org-totals" },
        stat(`repos${scope}`, el("span", { "data-testid": "org-repos" }, num(o.repos))),
        stat("downloads (30 days)", el("span", { "data-testid": "org-downloads" }, num(o.downloads))),
        stat("likes", num(o.likes)),
        stat("data as of", o.dataAsOf ?? o.date ?? "–"),
      ),
      dominantNote(o, "this organisation's downloads"),
      families.length
        ? el(
            "p",
            {},
            "Publishes the official repos of ",
            ...families.flatMap((f, i) => [i ? ", " : "", familyLink(f)]),
            ".",
          )
        : null,
      versions?.length
        ? figurePanel(
            {
              title: "Versions",
              definition:
                "Repos grouped by the version in their name (the family's version pattern where a family claims the repo, else a generic size/version rule); share of the downloads.",
              queries: ["org-models"],
              dataAsOf: o.dataAsOf,
            },
            table(
              versions,
              [
                { header: "version", cell: (v) => v.version },
                {
                  header: "repos",
                  cell: (v) => el("span", { title: v.ids.join("\n") }, num(v.repos)),
                  numeric: true,
                  csv: (v) => v.repos,
                },
                numCol("downloads (30d)", (v) => v.downloads),
                {
                  header: "share of downloads",
                  cell: (v) => shareBar(fraction ? v.share * 100 : v.share),
                  csv: (v) => v.share,
                },
              ],
              { file: `omo-${author}-versions`, dataAsOf: o.dataAsOf },
            ),
          )
        : el("p", { class: "muted" }, versions ? "No versions found in the repo names." : "Versions: not available."),
      historyPanel({
        title: `Downloads history of ${author}${scope}`,
        url: `/api/orgs/${encodeURIComponent(author)}/series`,
        params: { match },
        name: author,
        queries: ["org-series"],
        total: true,
      }),
      figurePanel(
        {
          title: `Repos${scope}`,
          definition: "The organisation's repos listed in the snapshot, by 30-day downloads.",
          queries: ["org-models"],
          dataAsOf: o.dataAsOf,
        },
        table(
          o.models,
          [
            { header: "model", cell: (m) => modelLink(m.id), csv: (m) => m.id },
            numCol("downloads (30d)", (m) => m.downloads),
            numCol("likes", (m) => m.likes),
            { header: "task", cell: (m) => m.task ?? "" },
            { header: "licence", cell: (m) => m.license ?? "" },
            { header: "created", cell: (m) => m.created?.slice(0, 10) ?? "" },
          ],
          { file: `omo-${author}-repos`, dataAsOf: o.dataAsOf },
        ),
      ),
      el("p", {}, el("a", { href: `#/compare?ids=org:${author}` }, "Compare this organisation with others →")),
    );
  }
  await load();
}
