#!/usr/bin/env node
// Bundles the CLI (src/cli/run.ts) into dist/cli-bundle/ for `bin/omo.js`: one entry and a chunk per lazily loaded
// command, with its npm dependencies inside, so a command starts without resolving and loading hundreds of files
// (omo --help, omo --version and the query commands: see README, Benchmarks). Packages that find files of their own
// at run time (native DuckDB bindings, Swagger UI's assets, Fastify's static plugin) stay outside the bundle.
// The chunks sit two folders below the project root, like the compiled sources, so `../../data/…` resolves the same.
import { build } from "esbuild";

await build({
  entryPoints: { run: "src/cli/run.ts" },
  outdir: "dist/cli-bundle",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunk-[hash]",
  external: ["@duckdb/node-bindings", "@duckdb/node-bindings-*", "@fastify/swagger-ui", "@fastify/static"],
  // CommonJS code inside the bundle calls require() (Node built-ins, the externals above)
  banner: {
    js: "import { createRequire as __omoRequire } from 'node:module'; const require = __omoRequire(import.meta.url);",
  },
  legalComments: "none",
  logLevel: "warning",
});
