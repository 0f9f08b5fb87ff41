/** `omo snapshots`: dates, source, status and model counts of every snapshot. */
import type { Command } from "commander";
import { coverageText, snapshotsBody } from "../../answers/coverage.js";
import { snapshotList } from "../../queries/index.js";
import { emit, withStore } from "../context.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("snapshots")
    .description(summaryOf("snapshots"))
    .action(async (_opts, cmd: Command) => {
      await withStore(cmd, async (store) => {
        const rows = await store.query(snapshotList, {});
        const shown = rows.map((r) => ({ ...r, coverageText: coverageText({ kind: r.coverage, how: r.coverageHow }) }));
        emit(cmd, shown, {
          json: snapshotsBody(rows),
          columns: [
            { key: "date" },
            { key: "status" },
            { key: "models", align: "right" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "malformed", align: "right" },
            { key: "coverageText", header: "coverage" },
            { key: "source" },
          ],
        });
      });
    });
}
