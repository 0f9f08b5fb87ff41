/**
 * The report on the committed sample (2024-07-11, 13,079 real models), in both languages: structure and figures
 * (not prose byte for byte), footnotes and links that resolve, the CLI's options and errors, `/report` on the API,
 * and a second snapshot (the meta-llama/lmsys fixture as 2024-08-11) for the "what changed" and history sections.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadFamilies } from "../../src/domain/families.js";
import { importFiles } from "../../src/ingest/import-files.js";
import { buildReport, type ReportData } from "../../src/report/build.js";
import { composeReport } from "../../src/report/compose.js";
import { splitFigures } from "../../src/report/document.js";
import { renderHtml } from "../../src/report/render-html.js";
import { renderMarkdown } from "../../src/report/render-markdown.js";
import { loadSubjects } from "../../src/report/subjects.js";
import { buildApp } from "../../src/server/app.js";
import { DuckDBStore } from "../../src/store/duckdb/duckdb-store.js";
import { openStore } from "../../src/store/open.js";
import type { Store } from "../../src/store/store.js";
import { SECOND, SECOND_DATE } from "../e2e/setup.js";
import { runMain, SAMPLE, tempDir } from "../helpers.js";

/** The `## ` headings of a Markdown text, in order. */
const headings = (md: string) => [...md.matchAll(/^## (.+)$/gm)].map((m) => m[1]);

/** Footnote marks used in the text and footnotes defined. */
function footnotes(md: string) {
  const defined = new Set([...md.matchAll(/^\[\^(\d+)\]: /gm)].map((m) => Number(m[1])));
  const body = md.replace(/^\[\^\d+\]: .*$/gm, "");
  const used = new Set([...body.matchAll(/\[\^(\d+)\]/g)].map((m) => Number(m[1])));
  return { defined, used };
}

describe("report on the committed sample (one snapshot)", () => {
  let tmp: ReturnType<typeof tempDir>;
  let env: Record<string, string>;
  let store: Store;
  let data: ReportData;
  beforeAll(async () => {
    tmp = tempDir();
    env = { OMO_DB: path.join(tmp.dir, "sample.duckdb") };
    const r = await runMain(["import", SAMPLE], env);
    expect(r.code).toBe(0);
    // the CLI runs below open the same file: the store is open only while a test needs it (DuckDB locks the file)
    store = await openStore(env.OMO_DB as string);
    data = await buildReport(store, { subjects: await loadSubjects(), families: await loadFamilies() });
    await store.close();
  }, 120_000);
  afterAll(() => tmp?.cleanup());

  it("measures the article's subjects from the sample", () => {
    expect(data.date).toBe("2024-07-11");
    expect(data.base).toBeNull();
    expect(data.headline).toMatchObject({
      models: 13_079,
      downloads: 1_811_674_513,
      base: null,
      compare: null,
      totalChangePct: null,
    });
    // an import is partial unless stated full; one model is more than a fifth of the total
    expect(data.headline.coverage).toMatchObject({ kind: "partial", models: 13_079 });
    expect(data.headline.dominant).toEqual({
      id: "MIT/ast-finetuned-audioset-10-10-0.4593",
      downloads: 680_847_003,
      share: 680_847_003 / 1_811_674_513,
      without: 1_811_674_513 - 680_847_003,
    });
    expect(data.openness?.dominant).toMatchObject({
      id: "MIT/ast-finetuned-audioset-10-10-0.4593",
      class: "open-source",
    });
    const llama = data.families[0]?.body;
    expect(llama?.family).toBe("llama-2");
    expect(llama?.official).toEqual({ repos: 12, downloads: 3_780_234 });
    expect(llama?.total.downloads).toBe(llama ? llama.official.downloads + llama.derivatives.downloads : -1);
    const [lmsys, meta] = data.orgs;
    expect([lmsys?.author, lmsys?.body?.repos, lmsys?.body?.downloads]).toEqual(["lmsys", 13, 695_234]);
    expect([meta?.body?.repos, meta?.body?.downloads]).toEqual([12, 3_780_234]);
    expect(data.topModels.rows[0]).toMatchObject({
      id: "MIT/ast-finetuned-audioset-10-10-0.4593",
      downloads: 680_847_003,
    });
    const cost = data.cost && "plan" in data.cost ? data.cost.plan : null;
    expect(cost?.options.map((o) => Math.round(o.monthlyUsd))).toEqual([150_000, 4_000, 14_892]);
    const shares = data.openness?.classes.reduce((a, c) => a + c.share, 0) ?? 0;
    expect(shares).toBeCloseTo(1, 6);
    expect(data.openness?.closed.length).toBeGreaterThan(5);
    expect(data.changes).toBeNull();
    expect(data.history).toBeNull();
  });

  it("English Markdown: sections in order, figures in English format, every footnote defined", () => {
    const md = renderMarkdown(composeReport(data, "en"));
    expect(md.startsWith("# State of open models\n")).toBe(true);
    expect(headings(md)).toEqual([
      "Headline",
      "Top models",
      "Top families",
      "Followed subjects",
      "Openness",
      "What it costs: closed API vs open model",
      "What changed",
      "History",
      "Notes: definitions and sources",
    ]);
    expect(md).toContain("11 July 2024");
    expect(md).toMatch(/13,079\[\^1\] models .* 1,811,674,513\[\^1\] times/);
    expect(md).toMatch(/The 12\[\^\d+\] official Llama 2 repos were downloaded 3,780,234\[\^\d+\] times/);
    // versions are releases (sizes, delta weights and 16k of one release are one version), not repos
    expect(md).toMatch(
      /lmsys has 13\[\^\d+\] repos \(repos matching “vicuna”\) in 4\[\^\d+\] versions \(Vicuna v0, Vicuna v1\.1, Vicuna v1\.3, Vicuna v1\.5\), downloaded 695,234\[\^\d+\] times in all in the 30 days to 11 July 2024\./,
    );
    expect(md).toContain("$150,000");
    expect(md).toContain("$4,000");
    expect(md).toContain("| 1 | MIT/ast-finetuned-audioset-10-10-0.4593 | 680,847,003 |");
    const { defined, used } = footnotes(md);
    expect(used.size).toBeGreaterThan(5);
    expect([...used].every((n) => defined.has(n))).toBe(true);
    expect([...defined].every((n) => used.has(n))).toBe(true);
    expect(md).toMatch(/^\[\^\d+\]: .*Snapshot 11 July 2024; query family-totals\.$/m);
    // the ranking of every family cites the one query that ran for it
    expect(md).toMatch(/^\[\^\d+\]: .*Snapshot 11 July 2024; query families-ranking\.$/m);
    expect(md).toMatch(/^\[\^\d+\]: .*query org-totals\.$/m);
    // charts inline as SVG, each with a caption pointing at a note
    expect(md.match(/<figure id="chart-[^"]+">\n<svg /g)?.length).toBe(3);
    for (const f of md.match(/<figure[\s\S]*?<\/figure>/g) ?? []) expect(f).not.toMatch(/\n\s*\n/); // kept whole
  });

  it("English wording (issue 11): coverage named, dominant model, RAIL apart, 30-day window, families tracked", () => {
    const md = renderMarkdown(composeReport(data, "en"));
    const prose = md.replace(/<figure[\s\S]*?<\/figure>/g, "");
    expect(prose).toContain("The snapshot of 11 July 2024 is partial: imported file (selection not stated");
    expect(prose).toMatch(/the 13,079\[\^1\] models of this snapshot were downloaded/);
    expect(prose).not.toContain("models listed on the Hub");
    expect(prose).toMatch(
      /One model, MIT\/ast-finetuned-audioset-10-10-0\.4593, holds 37\.6 %\[\^\d+\] of that total \(680,847,003\[\^\d+\] downloads in the 30 days to 11 July 2024\); without it, the total is 1,130,827,510\[\^\d+\]\./,
    );
    // every sentence with a download count says its 30-day window
    const counted = prose.split("\n").filter((l) => /downloaded [^ ]+ times|downloads in the|downloads:/.test(l));
    expect(counted.length).toBeGreaterThan(4);
    for (const l of counted) expect(l).toMatch(/30 days to/);
    // RAIL (responsible use) and vendor licences apart
    expect(prose).toMatch(
      /\d %\[\^\d+\] to responsible-use licences \(RAIL: open weights with use restrictions\), [\d.]+ %\[\^\d+\] to vendor licences with conditions \(such as Llama's\)/,
    );
    expect(prose).toContain("Among the 31 families omo tracks (data/families), the 10 with the most downloads");
    // Meta's original-format Llama 2 repos (no library, 0 downloads) are not counted by the Hub, not "0 %"
    expect(prose).toContain("| Llama 2 7b | 1 | 0 | not counted by the Hub |");
    expect(prose).not.toMatch(/\| 0 \| 0 % \|/);
    expect(prose).toContain("4 billion tokens a month");
  });

  it("Italian Markdown: same figures in Italian format, Italian prose and dates", () => {
    const md = renderMarkdown(composeReport(data, "it"));
    expect(md.startsWith("# Lo stato dei modelli aperti\n")).toBe(true);
    expect(headings(md)).toEqual([
      "In sintesi",
      "I modelli più scaricati",
      "Le famiglie più scaricate",
      "Soggetti seguiti",
      "Apertura",
      "Quanto costa: API chiusa contro modello aperto",
      "Che cosa è cambiato",
      "Andamento",
      "Note: definizioni e fonti",
    ]);
    expect(md).toContain("dell'11 luglio 2024");
    expect(md).toMatch(/13\.079\[\^1\] modelli .* 1\.811\.674\.513\[\^1\] volte/);
    expect(md).toMatch(/I 12\[\^\d+\] repository ufficiali di Llama 2 sono stati scaricati 3\.780\.234\[\^\d+\] volte/);
    expect(md).toMatch(/lmsys ha 13\[\^\d+\] repository .* scaricati in tutto 695\.234\[\^\d+\] volte/);
    expect(md).toContain("150.000 $");
    expect(md).toContain("4.000 $");
    expect(md).toContain("| 1 | MIT/ast-finetuned-audioset-10-10-0.4593 | 680.847.003 |");
    const prose = md.replace(/<figure[\s\S]*?<\/figure>/g, ""); // (SVG coordinates are x,y pairs)
    expect(prose).not.toMatch(/\b\d{1,3},\d{3}\b/); // no English-grouped number left
    // the Italian a native reader expects
    expect(prose).toContain("il conteggio degli ultimi 30 giorni fornito dall'Hub");
    expect(prose).toContain("4 miliardi di token al mese");
    expect(prose).toContain("(modello aperto, ospitato in proprio su A100-80GB)");
    expect(prose).toContain("| relazione non specificata |");
    expect(prose).toContain("a licenze di uso responsabile (RAIL");
    expect(prose).toContain("Tra le 31 famiglie seguite da omo");
    expect(prose).toContain("| non conteggiati dall'Hub |");
    expect(prose).toMatch(/in 4\[\^\d+\] versioni \(Vicuna v0, Vicuna v1\.1, Vicuna v1\.3, Vicuna v1\.5\)/);
    expect(prose).not.toMatch(/contatore mobile|legame non tipizzato|in hosting in proprio|4\.000\.000\.000/);
    const { defined, used } = footnotes(md);
    expect([...used].every((n) => defined.has(n))).toBe(true);
  });

  it("HTML: every figure links to a note that exists; queries named; printable CSS", () => {
    for (const lang of ["en", "it"] as const) {
      const html = renderHtml(composeReport(data, lang), { apiBase: "/api" });
      expect(html).toContain(`<html lang="${lang}">`);
      const targets = [...html.matchAll(/<a class="fig" href="#(note-\d+)"/g)].map((m) => m[1]);
      expect(targets.length).toBeGreaterThan(20);
      for (const t of new Set(targets)) expect(html).toContain(`<li id="${t}"`);
      expect(html).toContain('<a href="/api/queries/family-totals"><code>family-totals</code></a>');
      expect(html).toContain("@page { size: A4;");
      expect(html.match(/<figure class="chart"/g)?.length).toBe(3);
      expect(html).not.toContain("\uE000");
    }
  });

  it("omo report: stdout by default, --out FILE --format html, errors name the option", async () => {
    const md = await runMain(["report", "--lang", "it"], env);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain("# Lo stato dei modelli aperti");
    const out = path.join(tmp.dir, "report.html");
    const html = await runMain(["report", "--out", out], env);
    expect([html.code, html.stdout, html.stderr]).toEqual([0, "", `omo: wrote ${out} (html, en)\n`]);
    expect(await readFile(out, "utf8")).toMatch(/^<!doctype html>/);
    const bad = await runMain(["report", "--lang", "fr"], env);
    expect([bad.code, bad.stderr]).toEqual([1, 'omo: invalid --lang "fr": expected one of en, it\n']);
    const noSnap = await runMain(["report", "--date", "2023-08-31"], env);
    expect(noSnap.code).toBe(1);
    expect(noSnap.stderr).toBe('omo: field "date": no complete snapshot of 2023-08-31 (see "omo snapshots")\n');
    const subjects = path.join(tmp.dir, "subjects.yaml");
    await import("node:fs/promises").then((fs) => fs.writeFile(subjects, "top: 5\nfamilies:\n  - famly: llama-2\n"));
    const badFile = await runMain(["report", "--subjects", subjects], env);
    expect(badFile.code).toBe(1);
    expect(badFile.stderr).toMatch(new RegExp(`^omo: ${subjects}:3: field "families\\.0(\\.\\w+)?": `));
  }, 60_000);

  it("GET /report?lang=it answers the same report as the CLI (HTML), md on request, 400 for a bad lang", async () => {
    const cli = await runMain(["report"], env);
    store = await openStore(env.OMO_DB as string);
    const app = await buildApp({ store, rateLimit: false });
    try {
      const it = await app.inject({ url: "/report?lang=it" });
      expect(it.statusCode).toBe(200);
      expect(it.headers["content-type"]).toContain("text/html");
      expect(it.headers["x-data-as-of"]).toBe("2024-07-11");
      expect(it.body).toContain("3.780.234");
      expect(it.body).toContain("Lo stato dei modelli aperti");
      const md = await app.inject({ url: "/report?format=md" });
      expect(md.headers["content-type"]).toContain("text/markdown");
      // the same text; chart SVGs aside (ECharts numbers its CSS classes per process)
      const text = (s: string) => s.replace(/<svg[\s\S]*?<\/svg>/g, "<svg/>");
      expect(text(md.body)).toBe(text(cli.stdout));
      expect(md.body.match(/<svg /g)?.length).toBe(cli.stdout.match(/<svg /g)?.length);
      expect((await app.inject({ url: "/report?lang=fr" })).statusCode).toBe(400);
      const spec = JSON.parse((await app.inject({ url: "/openapi.json" })).body);
      expect(spec.paths["/report"]).toBeDefined();
    } finally {
      await app.close();
      await store.close();
    }
  }, 60_000);
});

describe("report with two snapshots", () => {
  let tmp: ReturnType<typeof tempDir>;
  let store: Store;
  beforeAll(async () => {
    tmp = tempDir();
    store = await DuckDBStore.open(path.join(tmp.dir, "two.duckdb"));
    await importFiles(store, [SAMPLE]);
    await importFiles(store, [SECOND], { date: SECOND_DATE });
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    tmp?.cleanup();
  });

  it("compares with the previous snapshot: totals, subjects, movers, entrants, history chart", async () => {
    const families = await loadFamilies();
    const data = await buildReport(store, { subjects: await loadSubjects(), families });
    expect([data.date, data.base]).toEqual([SECOND_DATE, "2024-07-11"]);
    expect(data.headline.base).toMatchObject({ date: "2024-07-11", models: 13_079, downloads: 1_811_674_513 });
    // two partial snapshots: their totals are not compared; the change is like for like (the 48 repos of the second
    // are the same July-2024 lines, dated 2024-08-11: no change)
    expect(data.headline.totalChangePct).toBeNull();
    expect(data.headline.compare).toMatchObject({ models: 48, before: 10_108_320, after: 10_108_320, changePct: 0 });
    expect(data.orgs[0]?.compare).toMatchObject({ models: 13, before: 695_234, after: 695_234, change: 0 });
    expect(data.changes?.movers.length).toBeGreaterThan(0);
    for (const m of data.changes?.movers ?? []) expect(m.change).toBe(m.after - m.before);
    expect(data.history?.items.map((i) => i.id)).toEqual(["family:llama-2", "family:vicuna", "org:lmsys"]);
    const md = renderMarkdown(composeReport(data, "en"));
    expect(headings(md)).toContain("What changed since 11 August 2024".replace("11 August", "11 July"));
    expect(md).toContain("Largest increases");
    expect(md).toContain('<figure id="chart-history">');
    expect(md).toMatch(
      /Compared like for like, the 48\[\^\d+\] models listed on both dates were downloaded 10,108,320/,
    );
    expect(md).toContain("The two snapshots' totals are not compared");
    const it = renderMarkdown(composeReport(data, "it"));
    expect(headings(it)).toContain("Che cosa è cambiato dall'11 luglio 2024");
    // --from must be an earlier complete snapshot
    await expect(buildReport(store, { from: "2024-08-11", subjects: await loadSubjects(), families })).rejects.toThrow(
      /must be before the report date/,
    );
  }, 60_000);
});

describe("figure tokens", () => {
  it("split text into runs and figures", () => {
    expect(splitFigures("a \uE0003\uE0011,234\uE002 b")).toEqual([
      { text: "a " },
      { text: "1,234", note: 3 },
      { text: " b" },
    ]);
  });
});
