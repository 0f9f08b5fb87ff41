/** Builds the dashboard (web/) into dist/web, which `omo serve` serves; `vite dev` proxies the API to omo serve. */
import { defineConfig } from "vite";

export default defineConfig({
  root: "web",
  base: "./",
  resolve: {
    // the one CSV writer (src/formats/csv-write.ts) in the browser: csv-stringify's own browser build
    alias: { "csv-stringify/sync": "csv-stringify/browser/esm/sync" },
  },
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    fs: { allow: [".."] },
    proxy: {
      "/api": process.env.OMO_API ?? "http://127.0.0.1:8080",
      "/embed": process.env.OMO_API ?? "http://127.0.0.1:8080",
    },
  },
});
