/** `omo model ID`: a model's metadata and statistics at a snapshot, and its values in every snapshot. */
import type { Command } from "commander";
import { licenceRows, loadLicences } from "../../domain/licences.js";
import { relationLabel } from "../../domain/relations.js";
import { InputError } from "../../errors.js";
import { modelDetail, modelHistory } from "../../queries/index.js";
import { emit, outputFormat, withStore } from "../context.js";
import { parseDateOption, requireSnapshot } from "../options.js";
import { table } from "../output.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("model <id>")
    .description(summaryOf("model"))
    .option("--date <date>", "snapshot date (default: latest)")
    .action(async (id: string, o: { date?: string }, cmd: Command) => {
      const date = parseDateOption(o.date);
      await withStore(cmd, async (store) => {
        const at = await requireSnapshot(store, date);
        await store.refreshLicences(licenceRows(await loadLicences()));
        const [m] = await store.query(modelDetail, { id, date: at });
        if (!m) throw new InputError(`model not found: ${id}`);
        const history = await store.query(modelHistory, { id });
        if (outputFormat(cmd) !== "table") {
          emit(cmd, history, { json: { ...m, history } });
          return;
        }
        const fields: Array<[string, unknown]> = [
          ["id", m.id],
          ["author", m.author],
          ["snapshot", m.inSnapshot ? at : `${at} (not listed in this snapshot)`],
          ["downloads (30d)", m.downloads],
          ["downloads (all time)", m.downloadsAllTime],
          ["likes", m.likes],
          ["trending score", m.trendingScore],
          ["task", m.task],
          ["library", m.library],
          ["licence", m.license],
          ...(m.cardFetched
            ? ([
                [
                  "licence in the card",
                  `${m.licenceName ?? "(none named)"}${m.licenceLink ? ` (${m.licenceLink})` : ""}, fetched ${m.cardFetched}`,
                ],
              ] as Array<[string, unknown]>)
            : []),
          ["class", m.licenceClass],
          ["gated", m.gated],
          ["created", m.createdAt],
          ["last modified", m.lastModified],
          ["first / last seen", `${m.firstSeen} / ${m.lastSeen}`],
          ["base models", (m.baseModels ?? []).map((b) => `${b.id} (${relationLabel(b.relation)})`).join(", ")],
        ];
        const meta = table(
          fields.map(([k, v]) => ({ field: k, value: typeof v === "number" ? v.toLocaleString("en-US") : (v ?? "") })),
          [{ key: "field" }, { key: "value" }],
        );
        emit(cmd, history, {
          title: meta,
          columns: [
            { key: "date" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "downloadsAllTime", header: "all time", align: "right" },
            { key: "likes", align: "right" },
          ],
        });
      });
    });
}
