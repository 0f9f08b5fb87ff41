#!/usr/bin/env node
// The `omo` command: runs the compiled CLI (dist/ is built by `npm install` through the prepare script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const compiled = new URL("../dist/cli/run.js", import.meta.url);
if (!existsSync(fileURLToPath(compiled))) {
  process.stderr.write("omo: dist/ is missing; run `npm run build` (or `npm install`) first\n");
  process.exit(1);
}
await import(compiled.href);
