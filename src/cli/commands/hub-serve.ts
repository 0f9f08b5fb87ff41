/** `omo hub-serve --from FILE`: a local Hub-compatible API over a snapshot file, with optional fault injection. */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { loadHubModels, parseFaultSpec, startHubServer } from "../../hub/serve.js";
import { parsePositiveInt } from "../options.js";
import { summaryOf } from "./index.js";

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("hub-serve")
    .description(summaryOf("hub-serve"))
    .requiredOption(
      "--from <file>",
      "models as JSONL(.gz) or a JSON array, e.g. ../shared/data/hub/2024-07-11/models.jsonl.gz",
    )
    .option("--port <port>", "port (default: random free port)")
    .option("--host <host>", "host", "127.0.0.1")
    .option("--page-size <n>", "default page size", "1000")
    .option(
      "--faults <spec>",
      'faults to inject, e.g. "429@2,500@4,drop@6,truncate@8,slow=200@10" or "rate=0.1:seed=42"',
    )
    .action(async (o: { from: string; port?: string; host: string; pageSize?: string; faults?: string }) => {
      const port = o.port === undefined ? 0 : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`invalid --port "${o.port}"`);
      const pageSize = parsePositiveInt(o.pageSize, "--page-size");
      const faults = o.faults ? parseFaultSpec(o.faults) : undefined;
      const models = await loadHubModels(o.from);
      const server = await startHubServer({ models, host: o.host, port, pageSize, faults });
      process.stdout.write(`Hub API for ${models.length} models at ${server.url} (Ctrl-C to stop)\n`);
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
