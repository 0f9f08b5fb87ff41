/**
 * Reads the reviewed price tables shipped in `data/prices/` through the one CSV reader (src/formats/csv.ts): API
 * prices (`api-prices.csv`: checked here, while both stores' price queries read it with DuckDB's reader,
 * the `read_csv` of the price queries' duckdb.sql, SHIPPED_PRICES_CSV in src/store/clickhouse/shipped-prices.ts), GPU hourly prices (`gpus.csv`) and measured serving throughput
 * (`throughput.csv`). Every value is checked; a bad one is an InputError naming the file, the line and the column.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { GpuPrice, Throughput } from "../domain/cost.js";
import { InputError } from "../errors.js";
import { type CsvObject, readCsvObjects } from "../formats/csv.js";
import { IsoDate } from "../queries/common.js";

/** The shipped price tables: `<project>/data/prices` (this module is in `src/ingest` or `dist/ingest`). */
export const PRICES_DIR = fileURLToPath(new URL("../../data/prices/", import.meta.url));
/** The reviewed API price table the price queries read in place. */
export const SHIPPED_API_PRICES = path.join(PRICES_DIR, "api-prices.csv");

/** One row of the shipped API price table. */
export interface ShippedPriceRow {
  line: number;
  provider: string;
  model: string;
  input_usd_per_1m: number | null;
  output_usd_per_1m: number | null;
  as_of: string;
  source: string;
  /** The day the model is retired (its price no longer in force), or null. */
  retired: string | null;
}

/** Reads a table, requiring the columns named (extra columns are allowed). */
async function readTable(file: string, columns: readonly string[]): Promise<CsvObject[]> {
  let table: Awaited<ReturnType<typeof readCsvObjects>>;
  try {
    table = await readCsvObjects(file);
  } catch (err) {
    if (err instanceof InputError) throw err;
    throw new InputError(`cannot read price table: ${(err as Error).message.split("\n")[0]}`, { file });
  }
  for (const c of columns) {
    if (!table.header.includes(c)) throw new InputError(`no column "${c}"`, { file, line: 1 });
  }
  return table.rows;
}

/** A cell as a non-negative number; empty → null when `optional`. */
function number(r: CsvObject, col: string, file: string, optional = false): number | null {
  const text = (r.values[col] ?? "").trim();
  if (text === "" && optional) return null;
  const n = Number(text);
  if (text === "" || !Number.isFinite(n) || n < 0) {
    throw new InputError(`expected a non-negative number, got "${text}"`, { file, line: r.line, field: col });
  }
  return n;
}

/** A cell as a real calendar date `YYYY-MM-DD`; empty → null when `optional`. */
function day(r: CsvObject, col: string, file: string, optional = false): string | null {
  const text = (r.values[col] ?? "").trim();
  if (text === "" && optional) return null;
  const parsed = IsoDate.safeParse(text);
  if (!parsed.success) {
    throw new InputError(`expected a date YYYY-MM-DD, got "${text}"`, { file, line: r.line, field: col });
  }
  return parsed.data;
}

/** A required text cell. */
function text(r: CsvObject, col: string, file: string): string {
  const t = (r.values[col] ?? "").trim();
  if (t === "") throw new InputError("must not be empty", { file, line: r.line, field: col });
  return t;
}

/**
 * The shipped API price table, every value checked (empty numbers and retirement dates are null, as the price
 * queries' reader gives them); the tests hold the shipped file to it.
 */
export async function readShippedApiPrices(file = SHIPPED_API_PRICES): Promise<ShippedPriceRow[]> {
  const rows = await readTable(file, [
    "provider",
    "model",
    "input_usd_per_1m",
    "output_usd_per_1m",
    "as_of",
    "source",
    "retired",
  ]);
  return rows.map((r) => ({
    line: r.line,
    provider: text(r, "provider", file),
    model: text(r, "model", file),
    input_usd_per_1m: number(r, "input_usd_per_1m", file, true),
    output_usd_per_1m: number(r, "output_usd_per_1m", file, true),
    as_of: day(r, "as_of", file) as string,
    source: text(r, "source", file),
    retired: day(r, "retired", file, true),
  }));
}

/** The GPU hourly prices of `data/prices/gpus.csv` (an empty price is kept as null: "no price"). */
export async function loadGpuPrices(dir = PRICES_DIR): Promise<GpuPrice[]> {
  const file = path.join(dir, "gpus.csv");
  const rows = await readTable(file, ["gpu", "usd_per_hour", "as_of", "basis", "source"]);
  return rows.map((r) => ({
    gpu: text(r, "gpu", file),
    usdPerHour: number(r, "usd_per_hour", file, true),
    asOf: day(r, "as_of", file) as string,
    basis: r.values.basis ?? "",
    source: text(r, "source", file),
  }));
}

const PER = new Set(["gpu", "replica"]);
const MEASURED = new Set(["offline-max-batch", "online-serving"]);

/** The measured throughputs of `data/prices/throughput.csv`. */
export async function loadThroughputs(dir = PRICES_DIR): Promise<Throughput[]> {
  const file = path.join(dir, "throughput.csv");
  const rows = await readTable(file, [
    "model",
    "gpu",
    "gpus",
    "per",
    "output_tokens_per_s",
    "input_tokens",
    "output_tokens",
    "measured",
    "as_of",
    "engine",
    "source",
    "caveat",
  ]);
  return rows.map((r) => {
    const per = text(r, "per", file);
    if (!PER.has(per)) {
      throw new InputError(`expected "gpu" or "replica", got "${per}"`, { file, line: r.line, field: "per" });
    }
    const measured = text(r, "measured", file);
    if (!MEASURED.has(measured)) {
      throw new InputError(`expected "offline-max-batch" or "online-serving", got "${measured}"`, {
        file,
        line: r.line,
        field: "measured",
      });
    }
    const gpus = number(r, "gpus", file) as number;
    if (!Number.isInteger(gpus) || gpus < 1) {
      throw new InputError(`expected a whole number of GPUs, got "${r.values.gpus}"`, {
        file,
        line: r.line,
        field: "gpus",
      });
    }
    const input = number(r, "input_tokens", file, true);
    const output = number(r, "output_tokens", file, true);
    if ((input === null) !== (output === null) || output === 0) {
      throw new InputError("give both input_tokens and output_tokens (output above 0), or neither", {
        file,
        line: r.line,
        field: "input_tokens",
      });
    }
    const asOf = text(r, "as_of", file);
    if (!/^\d{4}-\d{2}(?:-\d{2})?$/.test(asOf)) {
      throw new InputError(`expected YYYY-MM or YYYY-MM-DD, got "${asOf}"`, { file, line: r.line, field: "as_of" });
    }
    return {
      model: text(r, "model", file),
      gpu: text(r, "gpu", file),
      gpus,
      per: per as Throughput["per"],
      outputTokensPerSecond: number(r, "output_tokens_per_s", file) as number,
      inputTokens: input,
      outputTokens: output,
      measured: measured as Throughput["measured"],
      asOf,
      engine: r.values.engine ?? "",
      source: text(r, "source", file),
      caveat: r.values.caveat ?? "",
    };
  });
}
