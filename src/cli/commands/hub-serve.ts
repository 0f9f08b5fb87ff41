/** `omo hub-serve --from FILE`: a local Hub-compatible API over a snapshot file, with optional fault injection. */
import type { Command } from "commander";
import { InputError } from "../../errors.js";
import { loadHubModels, parseFaultSpec, startHubServer } from "../../hub/serve.js";
import { parsePositiveInt } from "../options.js";
import { summaryOf } from "./index.js";

interface HubServeOptions {
  from: string;
  details?: string;
  port?: string;
  host: string;
  pageSize?: string;
  faults?: string;
  detailFaults?: string;
}

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
      "--details <file>",
      "full /api/models/{id} bodies (JSONL(.gz)) served for their ids, e.g. ../shared/data/hub/2024-07-11/model-info.jsonl.gz",
    )
    .option(
      "--faults <spec>",
      'faults to inject into list requests, e.g. "429@2,500@4,drop@6,truncate@8,slow=200@10" or "rate=0.1:seed=42"',
    )
    .option("--detail-faults <spec>", "faults to inject into model-info requests (same spec, numbered apart)")
    .action(async (o: HubServeOptions) => {
      const port = o.port === undefined ? 0 : Number(o.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`invalid --port "${o.port}"`);
      const pageSize = parsePositiveInt(o.pageSize, "--page-size");
      const faults = o.faults ? parseFaultSpec(o.faults) : undefined;
      const detailFaults = o.detailFaults ? parseFaultSpec(o.detailFaults) : undefined;
      const models = await loadHubModels(o.from);
      const details = o.details ? await loadHubModels(o.details) : undefined;
      const server = await startHubServer({ models, details, host: o.host, port, pageSize, faults, detailFaults });
      process.stdout.write(
        `Hub API for ${models.length} models${details ? ` (${details.length} full model bodies)` : ""} at ${server.url} (Ctrl-C to stop)\n`,
      );
      const stop = async () => {
        await server.close();
        process.exit(0);
      };
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
    });
}
