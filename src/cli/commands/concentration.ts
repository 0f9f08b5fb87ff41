/**
 * `omo concentration [--date D] [--k N]`: how concentrated 30-day downloads are at a snapshot — the share of the
 * top-k models and organisations, and the Herfindahl–Hirschman index by organisation.
 */
import type { Command } from "commander";
import { concentrationBody, hhiLabel } from "../../answers/concentration.js";
import { coverageText } from "../../answers/coverage.js";
import { answerContext, emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, parsePositiveInt, requireSnapshot } from "../options.js";
import { num, table } from "../output.js";
import { summaryOf } from "./index.js";

const pct = (x: number | null): string => (x === null ? "" : `${x.toFixed(2)}%`);

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("concentration")
    .description(summaryOf("concentration"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--k <n>", "how many top models and organisations", "10")
    .action(async (o: { date?: string; k?: string }, cmd: Command) => {
      const date = parseDateOption(o.date);
      const k = parsePositiveInt(o.k, "--k") ?? 10;
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        const body = await concentrationBody(answerContext(store, []), at, k);
        const { topModels: models, topOrgs: orgs } = body;
        const fmt = outputFormat(cmd);
        if (fmt === "json") {
          emit(cmd, models, { json: body });
          return;
        }
        if (fmt === "csv") {
          const row = (
            kind: string,
            name: string,
            repos: number | null,
            r: (typeof models)[number] | (typeof orgs)[number],
          ) => ({
            date: at,
            kind,
            rank: r.rank,
            name,
            repos,
            downloads: r.downloads,
            share: r.share,
            cumulativeShare: r.cumulativeShare,
          });
          emit(cmd, [
            ...models.map((m) => row("model", m.id, null, m)),
            ...orgs.map((g) => row("org", g.author, g.repos, g)),
          ]);
          return;
        }
        const summary = body;
        const d = body.dominant;
        const head = [
          `Concentration of downloads in the 30 days to ${at}: ${num(summary.models)} models, ${num(summary.orgs)} organisations, ${num(summary.downloads)} downloads`,
          ...(body.coverage ? [`coverage: ${coverageText(body.coverage)}`] : []),
          `top ${k} models: ${pct(summary.topModelsShare)}   top ${k} organisations: ${pct(summary.topOrgsShare)}   HHI by organisation: ${summary.hhi === null ? "" : num(Math.round(summary.hhi))} of 10,000 (${hhiLabel(summary.hhi)})`,
          ...(d
            ? [
                `one model dominates: ${d.id} holds ${pct(d.share * 100)} of all downloads (${num(d.downloads)}); its organisation ${d.author} alone is ${num(Math.round(d.orgPoints))} of the HHI's ${num(Math.round(summary.hhi ?? 0))} points`,
                `without it: ${num(d.without.downloads)} downloads, HHI by organisation ${d.without.hhi === null ? "" : num(Math.round(d.without.hhi))} (${hhiLabel(d.without.hhi)})`,
              ]
            : []),
        ].join("\n");
        const share = (rows: Array<{ share: number | null; cumulativeShare: number | null }>) =>
          rows.map((r) => ({ ...r, sharePct: pct(r.share), cumPct: pct(r.cumulativeShare) }));
        emit(cmd, share(models), {
          title: `${head}\n\nTop ${k} models`,
          columns: [
            { key: "rank", align: "right" },
            { key: "id" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "sharePct", header: "share", align: "right" },
            { key: "cumPct", header: "cumulative", align: "right" },
          ],
          footer: `Top ${k} organisations\n\n${table(share(orgs), [
            { key: "rank", align: "right" },
            { key: "author", header: "organisation" },
            { key: "repos", align: "right" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "sharePct", header: "share", align: "right" },
            { key: "cumPct", header: "cumulative", align: "right" },
          ])}`,
        });
      });
    });
}
