/**
 * `omo store copy --from LOCATION --to LOCATION [--date D...]`: copies complete snapshots between stores
 * (`duckdb://FILE` or a path, `clickhouse://user:pass@host:port[,host:port]/db`), one atomic load per snapshot,
 * checking models and summed downloads on both sides, and prints them per date.
 */
import path from "node:path";
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { copySnapshots } from "../../store/copy.js";
import { openLocation, parseLocation, writeLocation } from "../../store/locations.js";
import type { Store } from "../../store/store.js";
import { emit } from "../context.js";
import { parseDateOption } from "../options.js";
import { summaryOf } from "./index.js";

/** Registers `store` and `store copy`. */
export function register(program: Command): void {
  const store = program.command("store").description(summaryOf("store"));
  store
    .command("copy")
    .description("copy every complete snapshot (or --date ones) from one store to another, counts checked")
    .requiredOption("--from <location>", "source: duckdb://FILE, a file path, or clickhouse://user:pass@host:port/db")
    .requiredOption("--to <location>", "target: duckdb://FILE, a file path, or clickhouse://user:pass@host:port/db")
    .option("--date <dates...>", "only these snapshot dates (YYYY-MM-DD; repeat or separate with commas)")
    .action(async (o: { from: string; to: string; date?: string[] }, cmd: Command) => {
      const from = parseLocation(o.from);
      const to = parseLocation(o.to);
      const same =
        from.kind === "duckdb" && to.kind === "duckdb"
          ? from.target !== ":memory:" && path.resolve(from.target) === path.resolve(to.target)
          : from.kind === to.kind && from.target === to.target;
      if (same) {
        throw new InputError("--from and --to name the same store");
      }
      const dates = (o.date ?? [])
        .flatMap((d) => d.split(","))
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => parseDateOption(d) as string);
      const started = Date.now();
      let source: Store | undefined;
      try {
        source = await openLocation(o.from, { mustExist: true });
        const reader = source;
        const log = (m: string) => process.stderr.write(`${m}\n`);
        const copied = await writeLocation(
          o.to,
          (target) => copySnapshots(reader, target, { source: `copy:${from.display}`, dates, onProgress: log }),
          { onWait: log },
        );
        const secs = ((Date.now() - started) / 1000).toFixed(1);
        emit(
          cmd,
          copied.map((c) => ({ ...c, seconds: Number(c.seconds.toFixed(2)) })),
          {
            json: { from: from.display, to: to.display, snapshots: copied },
            title: `Copied ${copied.length} snapshot(s) from ${from.display} to ${to.display} in ${secs} s`,
            columns: [
              { key: "date" },
              { key: "sourceModels", header: "models (source)", align: "right" },
              { key: "targetModels", header: "models (target)", align: "right" },
              { key: "sourceDownloads", header: "downloads (source)", align: "right" },
              { key: "targetDownloads", header: "downloads (target)", align: "right" },
              { key: "seconds", align: "right" },
            ],
          },
        );
      } finally {
        await source?.close();
      }
    });
}
