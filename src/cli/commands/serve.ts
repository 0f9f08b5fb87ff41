/** `omo serve [--port P] [--host H] [--web DIR]`: the JSON API, badges and dashboard over the store. */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Command } from "commander";
import { loadWatchlist, type Watchlist } from "../../alerts/watchlist.js";
import { loadFamilies } from "../../domain/families.js";
import { InputError } from "../../errors.js";
import { buildApp } from "../../server/app.js";
import { openStore, resolveLocation } from "../../store/open.js";
import type { GlobalOptions } from "../context.js";
import { parsePositiveInt } from "../options.js";

/** The dashboard the package builds (`dist/web`), when it has been built. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL("../../../dist/web/", import.meta.url));

interface ServeOptions {
  port?: string;
  host?: string;
  web?: string;
  rateLimit?: string;
  watchlist?: string[];
}

/** Registers the command. */
export function register(program: Command): void {
  program
    .command("serve")
    .description("serve the JSON API, badges, OpenAPI docs (/docs) and the dashboard")
    .option("--port <port>", "port to listen on", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--web <dir>", "built dashboard folder served at / (default: dist/web of the package if built)")
    .option("--rate-limit <n>", "requests per minute per IP (0 = no limit)", "600")
    .option("--watchlist <file...>", "publish these watchlists as Atom feeds at /feeds/watchlist/NAME.atom")
    .action(async (o: ServeOptions, cmd: Command) => {
      const port = Number(o.port ?? "8080");
      if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InputError(`invalid --port "${o.port}"`);
      const rate = o.rateLimit === "0" ? 0 : (parsePositiveInt(o.rateLimit, "--rate-limit") ?? 600);
      const web = o.web ?? (existsSync(DEFAULT_WEB_ROOT) ? DEFAULT_WEB_ROOT : null);
      if (o.web && !existsSync(o.web)) throw new InputError("no such folder", { file: o.web });
      const families = await loadFamilies();
      const watchlists: Watchlist[] = [];
      for (const f of o.watchlist ?? [])
        watchlists.push(
          await loadWatchlist(
            f,
            families.map((x) => x.name),
          ),
        );
      const names = watchlists.map((w) => w.name);
      const twice = names.find((x, i) => names.indexOf(x) !== i);
      if (twice) throw new InputError(`two watchlists are named "${twice}": give one a name: in its file`);
      const store = await openStore(resolveLocation(cmd.optsWithGlobals() as GlobalOptions));
      const app = await buildApp({ store, families, webRoot: web, rateLimit: rate === 0 ? false : rate, watchlists });
      const close = async () => {
        await app.close();
        await store.close();
        process.exit(0);
      };
      process.once("SIGINT", close);
      process.once("SIGTERM", close);
      const host = o.host ?? "127.0.0.1";
      await app.listen({ port, host });
      const addr = app.server.address();
      const actual = typeof addr === "object" && addr ? addr.port : port;
      const shown = host.includes(":") ? `[${host}]` : host;
      const health = (await app.inject({ url: "/api/health" })).json() as { date: string | null };
      const url = `http://${shown}:${actual}`;
      process.stdout.write(`omo: serving ${url} (data as of ${health.date ?? "no snapshots"})\n`);
      process.stdout.write(`omo: report ${url}/report (italiano: ${url}/report?lang=it), API docs ${url}/docs\n`);
      await new Promise(() => undefined);
    });
}
