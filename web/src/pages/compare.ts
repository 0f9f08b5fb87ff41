/**
 * Compare: up to 10 models, families (`family:NAME`) and organisations (`org:AUTHOR`) on one chart; linear or log
 * scale; calendar time or aligned to each item's first snapshot. The whole state is in the URL
 * (`#/compare?ids=a/b,family:x&log=1&align=release`), so a view can be shared as is. What people type is accepted:
 * a family name or title, an organisation or a model id, in any case; Enter picks the first suggestion, and a bare
 * name is resolved by the API (a family first, then an organisation).
 */
import { MAX_COMPARE_ITEMS, parseCompareIds } from "../../../src/charts/compare-ids.js";
import { compareSeries } from "../../../src/charts/series-chart.js";
import { ApiError, getJson } from "../api.js";
import { chartPanel, figurePanel, preferredTheme } from "../chart.js";
import { el, notice, numCol, table } from "../dom.js";
import { type Route, replaceQuery } from "../router.js";
import { coverageNote } from "../snapshots.js";
import type { CompareAnswer, SearchResult } from "../types.js";
import { DOWNLOADS_DEFINITION } from "./common.js";

/** A two-button switch; `onPick` gets the chosen value. */
function segmented(label: string, options: Array<[string, string]>, value: string, onPick: (v: string) => void) {
  const buttons = options.map(([v, text]) =>
    el("button", { type: "button", "data-value": v, "aria-pressed": String(v === value), class: "seg" }, text),
  );
  const group = el("div", { class: "segmented", role: "group", "aria-label": label }, ...buttons);
  group.addEventListener("click", (e) => {
    const b = (e.target as HTMLElement).closest("button");
    if (!b) return;
    for (const x of buttons) x.setAttribute("aria-pressed", String(x === b));
    onPick(b.dataset.value as string);
  });
  return group;
}

/** Renders `#/compare?ids=…&log=1&align=release`. */
export async function renderCompare(root: HTMLElement, route: Route): Promise<void> {
  const query = new URLSearchParams(route.query);
  let ids = parseCompareIds(query.get("ids")).refs.map((r) => r.id);
  const state = { log: query.get("log") === "1", align: query.get("align") === "release" ? "release" : "calendar" };
  let answer: CompareAnswer | null = null;

  const save = () => {
    const q = new URLSearchParams();
    if (ids.length) q.set("ids", ids.join(","));
    if (state.log) q.set("log", "1");
    if (state.align === "release") q.set("align", "release");
    replaceQuery("/compare", q);
    embed.value = `![downloads](${embedUrl()})`;
  };
  const embedUrl = () => {
    const q = new URLSearchParams({ ids: ids.join(",") });
    if (state.log) q.set("log", "1");
    if (state.align === "release") q.set("align", "release");
    return `${location.origin}/embed/compare.svg?${q.toString().replace(/%2C/gi, ",").replace(/%3A/gi, ":").replace(/%2F/gi, "/")}`;
  };

  const chips = el("div", { class: "chips", id: "compare-items" });
  const input = el("input", {
    type: "search",
    id: "compare-add",
    placeholder: "add a family, an organisation or a model (e.g. vicuna, lmsys, meta-llama/Llama-2-7b-hf)",
    autocomplete: "off",
    "aria-label": "Add an item to compare",
  });
  const suggestions = el("ul", { class: "suggestions" });
  const form = el("form", { class: "filter" }, input, el("button", { type: "submit" }, "Add"), suggestions);
  const message = el("div");
  const panel = chartPanel({
    title: "30-day downloads",
    definition: `${DOWNLOADS_DEFINITION} Families = official repos + lineage derivatives; organisations = all their repos.`,
    queries: ["model-series", "family-series", "org-series"],
    height: 420,
    controls: el(
      "div",
      { class: "controls" },
      segmented(
        "Scale",
        [
          ["linear", "Linear"],
          ["log", "Log"],
        ],
        state.log ? "log" : "linear",
        (v) => {
          state.log = v === "log";
          save();
          draw();
        },
      ),
      segmented(
        "Time axis",
        [
          ["calendar", "Calendar"],
          ["release", "Since first snapshot"],
        ],
        state.align,
        (v) => {
          state.align = v;
          save();
          draw();
        },
      ),
    ),
  });
  const summary = el("div");
  const embed = el("input", {
    type: "text",
    readonly: true,
    class: "embed",
    "aria-label": "Markdown to embed this chart as an SVG",
  });
  root.append(
    el("h1", {}, "Compare"),
    el(
      "p",
      { class: "lead" },
      `Up to ${MAX_COMPARE_ITEMS} models, families and organisations on one chart. The URL holds the whole view.`,
    ),
    chips,
    form,
    message,
    panel.root,
    summary,
    el(
      "section",
      { class: "panel" },
      el("h3", {}, "Embed this chart"),
      el(
        "p",
        { class: "definition" },
        "An SVG rendered by the server from the same data; add theme=dark for a dark chart. In Markdown:",
      ),
      embed,
    ),
  );

  const add = (raw: string) => {
    const { refs, errors } = parseCompareIds([...ids, raw].join(","));
    message.textContent = "";
    if (errors.length) {
      message.append(notice(errors.join("; "), "error"));
      return;
    }
    const before = ids;
    ids = refs.map((r) => r.id);
    input.value = "";
    suggestions.textContent = "";
    save();
    void load().then((err) => {
      // an item that names nothing is not kept: the chart goes back to what it was, and the message says why
      if (!(err instanceof ApiError && err.notFound) || before.length === ids.length) return;
      ids = before;
      save();
      void load().then(() => message.append(notice(err.message, "error")));
    });
  };
  /** The suggestions shown for the current text (first = what Enter picks). */
  let offered: Array<[string, string]> = [];
  let offeredFor = "";
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    // a prefixed item or a model id is taken as typed; otherwise the first suggestion for this text, else the bare
    // name, which the API resolves (a family by its slug or title, else an organisation), case-insensitively
    const typed = /^(family|org):/i.test(text) || text.includes("/");
    const first = offeredFor === text ? offered[0] : undefined;
    add(!typed && first ? first[0] : text);
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const q = input.value.trim();
      suggestions.textContent = "";
      offered = [];
      offeredFor = "";
      if (q.length < 2 || q.includes(":")) return;
      try {
        const r = await getJson<SearchResult>("/api/search", { q });
        if (input.value.trim() !== q) return;
        const items: Array<[string, string]> = [
          ...r.families.slice(0, 4).map((f): [string, string] => [`family:${f.family}`, `${f.title} (family)`]),
          ...r.orgs.slice(0, 3).map((o): [string, string] => [`org:${o.author}`, `${o.author} (organisation)`]),
          ...r.models.slice(0, 6).map((m): [string, string] => [m.id, m.id]),
        ];
        offered = items;
        offeredFor = q;
        for (const [id, text] of items)
          suggestions.append(el("li", {}, el("button", { type: "button", onclick: () => add(id) }, text)));
      } catch {
        // suggestions are optional: typing an id or a name still works
      }
    }, 150);
  });

  function renderChips(): void {
    chips.textContent = "";
    if (!ids.length) chips.append(el("span", { class: "muted" }, "Nothing to compare yet: add items below."));
    for (const id of ids) {
      const label = answer?.items.find((i) => i.id.toLowerCase() === id.toLowerCase())?.label ?? id;
      chips.append(
        el(
          "span",
          { class: "chip" },
          label,
          el(
            "button",
            {
              type: "button",
              "aria-label": `remove ${id}`,
              onclick: () => {
                ids = ids.filter((x) => x !== id);
                save();
                void load();
              },
            },
            "×",
          ),
        ),
      );
    }
  }

  function draw(): void {
    if (!answer || answer.items.length === 0) return;
    panel.renderSeries(compareSeries(answer.items), {
      log: state.log,
      align: state.align === "release" ? "release" : "calendar",
      theme: preferredTheme(),
      metric: "downloads (30 days)",
    });
  }

  /** Loads and draws the items; resolves with the API's error when it refused them. */
  async function load(): Promise<Error | null> {
    renderChips();
    summary.textContent = "";
    if (!ids.length) {
      answer = null;
      panel.empty("Add items to compare.");
      return null;
    }
    try {
      answer = await getJson<CompareAnswer>("/api/compare", { ids: ids.join(",") });
    } catch (err) {
      answer = null;
      const e = err as Error;
      panel.empty(
        err instanceof ApiError && /^no route/.test(e.message) ? "Compare: not available." : `Compare: ${e.message}`,
      );
      return e;
    }
    panel.setAsOf(answer.dataAsOf);
    // the URL holds what the items resolved to (a typed `vicuna` becomes `family:vicuna`)
    const resolved = answer.items.map((i) => i.id);
    if (resolved.join(",") !== ids.join(",")) {
      ids = resolved;
      save();
    }
    renderChips();
    draw();
    if (answer.items.some((i) => i.kind !== "model")) {
      panel.note(await coverageNote(answer.items.flatMap((i) => i.points.map((p) => p.date))));
    } else panel.note(null);
    const last = (i: CompareAnswer["items"][number]) => i.points[i.points.length - 1];
    summary.append(
      figurePanel(
        {
          title: "Latest values",
          definition: DOWNLOADS_DEFINITION,
          queries: ["model-series", "family-series", "org-series"],
          dataAsOf: answer.dataAsOf,
        },
        table(
          answer.items,
          [
            {
              header: "item",
              cell: (i) =>
                el(
                  "a",
                  { href: i.kind === "model" ? `#/model/${i.id}` : `#/${i.kind}/${i.id.replace(/^\w+:/, "")}` },
                  i.label,
                ),
              csv: (i) => i.id,
            },
            { header: "kind", cell: (i) => i.kind },
            numCol("snapshots", (i) => i.points.length),
            { header: "latest", cell: (i) => last(i)?.date ?? "–" },
            numCol("downloads (30d)", (i) => last(i)?.downloads),
          ],
          { file: "omo-compare", dataAsOf: answer.dataAsOf },
        ),
      ),
    );
    return null;
  }
  save();
  await load();
}
