#!/usr/bin/env node
// The `omo` command: runs the bundled CLI (dist/cli-bundle, built by `npm install` through the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const bundled = new URL("../dist/cli-bundle/run.mjs", import.meta.url);
if (!existsSync(fileURLToPath(bundled))) {
  process.stderr.write("omo: dist/ is missing; run `npm run build` (or `npm install`) first\n");
  process.exit(1);
}
await import(bundled.href);
