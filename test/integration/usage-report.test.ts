/**
 * "Who serves the tokens" in the report (EN and IT) and the `token-share` claims, over the shared OpenRouter folder
 * imported beside the committed Hub sample and the August-2026 trending lists, through the CLI in process.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasShared, ROOT, runMain, SAMPLE, SHARED, tempDir } from "../helpers.js";

const shared = hasShared();

describe.skipIf(!shared)("usage in the report and the claims", { timeout: 300_000 }, () => {
  const tmp = tempDir("omo-usage-report-");
  const env = { OMO_DB: path.join(tmp.dir, "r.duckdb") };

  beforeAll(async () => {
    const daily = path.join(SHARED, "data/hub/daily-2026-08");
    const files = readdirSync(daily)
      .filter((f) => f.endsWith(".json"))
      .map((f) => path.join(daily, f));
    expect((await runMain(["import", SAMPLE, ...files], env)).code).toBe(0);
    expect((await runMain(["usage", "import", path.join(SHARED, "data/usage/openrouter")], env)).code).toBe(0);
  }, 300_000);
  afterAll(() => tmp.cleanup());

  it("writes the section in English with every figure footnoted", async () => {
    const r = await runMain(["report", "--date", "2026-08-21"], env);
    expect(r.code).toBe(0);
    const md = r.stdout;
    const section = md.slice(md.indexOf("## Who serves the tokens"), md.indexOf("## What changed"));
    expect(section).toMatch(
      /In the 7 days 15 August 2026 to 21 August 2026, OpenRouter served 84,094,294,066,163\[\^(\d+)\] tokens, every model named: open-weight models carried 68\.6 %\[\^\1\] of them/,
    );
    expect(section).toMatch(
      /Free promotional variants \(:free\) carried 9\.2 %\[\^\d+\] of the tokens; without them the open-weight share is 65\.4 %/,
    );
    expect(section).toMatch(
      /One model, deepseek\/deepseek-v4-flash, carried 20 %\[\^\d+\] of all tokens; without it the open-weight share is 60\.7 %/,
    );
    expect(section).toMatch(/\| December 2024 \| 0 of 5 weeks \| no share \(total unknown\) \|/);
    expect(section).toMatch(
      /\| March 2025 \| no week with a total; 1 7-day window\(s\), top 15 \+ total \| 25 % – 39\.5 % \|/,
    );
    expect(section).toMatch(/\| July 2026 \| 4 of 4 weeks, 4 with every model named \| 74\.3 % \|/);
    expect(section).toMatch(/<figure id="chart-usage">\s*<svg/);
    expect(section).toMatch(
      /\| deepseek\/deepseek-v4-flash-20260731 \| [\d,]+ \| [\d.]+ % \| open weights \| deepseek \| DeepSeek \(CN\) \|/,
    );
    // the country breakdown: one row per label, the unknown country apart from the models of unknown class
    const countries = section.slice(
      section.indexOf("### Tokens by the country"),
      section.indexOf("### Used or downloaded"),
    );
    const labels = countries
      .split("\n")
      .filter((l) => /^\| [^-]/.test(l) && !l.startsWith("| country"))
      .map((l) => l.split(" | ")[0]?.slice(2));
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels).toContain("models of unknown class (stealth, routers)");
    expect(section).toMatch(/### Used or downloaded\?/);
    expect(section).toMatch(/\| DeepSeek \| 24\.3 % \| 1 % \|/);
    const note = /\[\^(\d+)\]: Share of the tokens \(prompt \+ completion\) OpenRouter served in the window/.exec(md);
    expect(note).not.toBeNull();
  });

  it("and in Italian", async () => {
    const r = await runMain(["report", "--date", "2026-08-21", "--lang", "it"], env);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/## Chi serve i token/);
    expect(r.stdout).toMatch(/i modelli a pesi aperti ne hanno portati 68,6 %/);
    expect(r.stdout).toMatch(/\| dicembre 2024 \| 0 di 5 settimane \| nessuna quota \(totale ignoto\) \|/);
  });

  it("checks token-share claims only where coverage allows", async () => {
    const r = await runMain(["claims", "check", path.join(ROOT, "data/claims/openrouter-usage.yaml"), "--json"], env);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.stdout) as {
      results: Array<{ id: string; verdict: string; measured: number | null; reason: string }>;
    };
    const by = Object.fromEntries(body.results.map((x) => [x.id, x]));
    expect(by["open-majority-aug-2026"]).toMatchObject({ verdict: "true", measured: 68.93 });
    expect(by["open-majority-oct-2025"]).toMatchObject({ verdict: "false", measured: null });
    expect(by["open-majority-oct-2025"]?.reason).toMatch(/between 4\.11 and 43\.25 %.*both bounds contradict/);
    expect(by["open-majority-mar-2026"]).toMatchObject({ verdict: "unverifiable" });
    expect(by["open-majority-mar-2026"]?.reason).toMatch(/the bounds do not decide/);
    expect(by["open-majority-dec-2024"]?.reason).toMatch(/total is unknown, so no share/);
    expect(by["china-leads-aug-2026"]).toMatchObject({ verdict: "true", measured: 53.75 });
    const bad = path.join(tmp.dir, "bad.yaml");
    await import("node:fs/promises").then((fs) =>
      fs.writeFile(
        bad,
        "claims:\n  - id: x\n    text: y\n    entity: { tokens: openrouter }\n    metric: downloads\n    date: 2026-08-16\n    op: '>'\n    value: 1\n",
      ),
    );
    const e = await runMain(["claims", "check", bad], env);
    expect(e.code).toBe(1);
    expect(e.stderr).toMatch(
      /bad\.yaml:5: field "claims\.0\.metric": metric downloads is not measured for a tokens \(use one of token-share\)/,
    );
  });
});
