/**
 * `omo openness`: downloads by openness class (licence map data/licences.yaml) at a snapshot, optionally for one
 * task or family; `--series` per snapshot; `--drift` derivatives whose licence differs from their base model's.
 */
import type { Command } from "commander";
import { coverageText } from "../../answers/coverage.js";
import {
  evidenceLines,
  licenceDriftBody,
  opennessClassesBody,
  opennessSeriesBody,
  type QueryRunner,
} from "../../answers/openness.js";
import { findFamily } from "../../domain/families.js";
import { licenceRows, loadLicences } from "../../domain/licences.js";
import { loadOpennessEvidence } from "../../domain/openness-evidence.js";
import { InputError } from "../../errors.js";
import { RELATIONS } from "../../queries/params/families.js";
import { emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, parsePositiveInt, requireSnapshot } from "../options.js";
import { registry } from "./family.js";
import { summaryOf } from "./index.js";

interface OpennessOptions {
  date?: string;
  task?: string;
  family?: string;
  series?: boolean;
  drift?: boolean;
  relation?: string;
  limit?: string;
}

const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("openness")
    .description(summaryOf("openness"))
    .option("--date <date>", "snapshot date (default: latest)")
    .option("--task <task>", "only models of this task (pipeline_tag)")
    .option("--family <name>", "only this family (official repos and lineage derivatives)")
    .option("--series", "downloads by class in every snapshot")
    .option("--drift", "derivatives whose licence differs from their base model's, by from → to")
    .option("--relation <relation>", `with --drift: only links of this relation (${RELATIONS.join(", ")})`)
    .option("--limit <n>", "with --drift: pairs listed (default 50)")
    .option("--families <path...>", "extra family files or folders (YAML)")
    .action(async (o: OpennessOptions, cmd: Command) => {
      const date = parseDateOption(o.date);
      const limit = parsePositiveInt(o.limit, "--limit") ?? 50;
      if (o.series && o.drift) throw new InputError("choose one of --series and --drift");
      if (o.relation !== undefined && !(RELATIONS as readonly string[]).includes(o.relation)) {
        throw new InputError(`invalid --relation "${o.relation}": expected one of ${RELATIONS.join(", ")}`);
      }
      const family = o.family ? findFamily(await registry(cmd), o.family) : null;
      const task = o.task ?? null;
      const map = await loadLicences();
      await withStore(cmd, async (store) => {
        await store.refreshLicences(licenceRows(map));
        const run: QueryRunner = (q, p) => store.query(q, p);
        const scope = [task ? `task ${task}` : null, family ? family.title : null].filter(Boolean).join(", ");
        const scopeText = scope ? ` (${scope})` : "";
        if (o.series) {
          await requireSnapshot(store, undefined);
          const body = await opennessSeriesBody(run, { task, family });
          const rows =
            outputFormat(cmd) === "table"
              ? body.rows.map((r) => ({ ...r, share: pct(r.share), flag: r.coverageChanged ? "coverage≠" : "" }))
              : body.rows;
          emit(cmd, rows, {
            json: body,
            title: `Downloads by openness class per snapshot${scopeText}`,
            columns: [
              { key: "date" },
              { key: "class" },
              { key: "repos", align: "right" },
              { key: "downloads", header: "downloads (30d)", align: "right" },
              { key: "share", align: "right" },
              { key: "flag" },
            ],
            footer: body.rows.some((r) => r.coverageChanged)
              ? "coverage≠ = this snapshot covers other models than the one before (omo snapshots): its shares are of other models"
              : undefined,
          });
          return;
        }
        const at = await requireSnapshot(store, date);
        if (o.drift) {
          const body = await licenceDriftBody(run, { date: at, task, family }, { relation: o.relation ?? null, limit });
          const share = body.derivatives > 0 ? ` (${pct(body.changedDerivatives / body.derivatives)})` : "";
          emit(cmd, body.pairs, {
            json: body,
            title: `Licence drift: derivatives whose licence differs from their base model's, snapshot ${at}${scopeText}\n${body.changedDerivatives.toLocaleString("en-US")} of ${body.derivatives.toLocaleString("en-US")} derivatives with a base model in the store changed licence${share}`,
            columns: [
              { key: "fromLicence", header: "base licence" },
              { key: "toLicence", header: "derivative licence" },
              { key: "fromClass", header: "base class" },
              { key: "toClass", header: "derivative class" },
              { key: "repos", header: "derivatives", align: "right" },
              { key: "downloads", header: "downloads (30d)", align: "right" },
            ],
          });
          return;
        }
        const evidence = family ? await loadOpennessEvidence() : undefined;
        const body = await opennessClassesBody(run, map, { date: at, task, family }, evidence);
        const ev = body.evidence
          ? `\nOpenness evidence for ${family?.title}:\n${body.evidence.length > 0 ? evidenceLines(body.evidence).join("\n") : "  (none recorded in data/openness-evidence.yaml)"}`
          : "";
        const rows =
          outputFormat(cmd) === "table"
            ? body.classes.map((c) => ({ ...c, share: pct(c.share) }))
            : body.classes.map(({ definition: _d, ...c }) => c);
        emit(cmd, rows, {
          json: body,
          title: `Downloads by openness class, snapshot ${at}${scopeText}`,
          columns: [
            { key: "class" },
            { key: "repos", align: "right" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "share", align: "right" },
            { key: "gatedRepos", header: "gated repos", align: "right" },
            { key: "gatingUnknown", header: "gating unknown", align: "right" },
          ],
          footer:
            [
              `total: ${body.total.repos.toLocaleString("en-US")} repos, ${body.total.downloads.toLocaleString("en-US")} downloads in the 30 days to ${at}. Class: ${body.rule}.`,
              ...(body.coverage ? [`coverage: ${coverageText(body.coverage)}`] : []),
              ...(body.dominant
                ? [
                    `one model dominates: ${body.dominant.id} (${body.dominant.class}) holds ${pct(body.dominant.share)} of these downloads; without it: ${body.dominant.without.classes.map((c) => `${c.class} ${pct(c.share)}`).join(", ")}`,
                  ]
                : []),
            ].join("\n") + ev,
        });
      });
    });
}
