/** `omo snapshots`: dates, source, status and model counts of every snapshot. */
import type { Command } from "commander";
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
        emit(cmd, rows, {
          json: rows.map((r) => ({
            date: r.date,
            source: r.source,
            status: r.status,
            models: r.models,
            downloads: r.downloads,
          })),
          columns: [
            { key: "date" },
            { key: "status" },
            { key: "models", align: "right" },
            { key: "downloads", header: "downloads (30d)", align: "right" },
            { key: "malformed", align: "right" },
            { key: "source" },
          ],
        });
      });
    });
}
