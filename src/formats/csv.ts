/**
 * The one CSV reader and writer of omo, on csv-parse / csv-stringify (streaming, RFC 4180: quoted fields with commas,
 * doubled quotes and newlines; CRLF, CR or LF line ends; a UTF-8 BOM; gzip by magic number). Every CSV omo reads
 * (imports, price tables, leaderboards, usage) and writes (`--csv`, `?format=csv`) goes through here.
 */
import { InputError } from "../errors.js";
import { openInputStream, streamFailure } from "./lines.js";

/** One CSV record and the physical line (1-based) it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/**
 * Streams the records of a CSV file (gzip-compressed or not), each with the physical line it starts on. Blank lines
 * are skipped. A quote inside an unquoted field, or text after a closing quote, is kept as written (as Python's csv
 * module does). Throws {@link InputError} for a quoted field still open at the end of the file, naming the line the
 * record starts on, and a `TruncatedInputError` when a gzip stream is cut short.
 */
export async function* readCsvRecords(path: string): AsyncGenerator<CsvRecord> {
  const stream = await openInputStream(path);
  // loaded here: commands that only write CSV (--csv) do not load the parser
  const { parse } = await import("csv-parse");
  const parser = parse({
    bom: true,
    relax_quotes: true,
    relax_column_count: true,
    // CRLF, LF or CR, even mixed in one file
    record_delimiter: ["\r\n", "\n", "\r"],
    raw: true,
  });
  stream.on("error", (err) => parser.destroy(err));
  stream.pipe(parser);
  // physical lines are counted here from each record's raw text (csv-parse counts a CRLF inside quotes twice)
  let line = 1;
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; raw: string }>) {
      const start = line;
      line += item.raw.match(BREAKS)?.length ?? 0;
      const record = item.record;
      if (record.length === 1 && record[0] === "" && item.raw.replace(BREAKS, "") === "") continue; // a blank line
      yield { line: start, fields: record.map(pythonQuotes) };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "CSV_QUOTE_NOT_CLOSED") {
      throw new InputError("unterminated quoted field: the closing quote is missing before the end of the file", {
        file: path,
        line,
      });
    }
    if (typeof code === "string" && code.startsWith("CSV_")) {
      throw new InputError(`not valid CSV: ${(err as Error).message}`, { file: path, line });
    }
    throw streamFailure(err, path, line);
  }
}

/**
 * A field csv-parse kept raw because text follows its closing quote (`"c/d"x`): read as Python's csv module does
 * (`c/dx`), the quoted part unquoted and the rest appended.
 */
function pythonQuotes(field: string): string {
  if (field.charCodeAt(0) !== 0x22) return field;
  const m = /^"((?:[^"]|"")*)"([^"]*)$/s.exec(field);
  return m ? `${(m[1] as string).replace(/""/g, '"')}${m[2]}` : field;
}

/** A line break: CRLF, LF or CR. */
const BREAKS = /\r\n|\r|\n/g;

/**
 * Reads a whole CSV file with a header line into objects keyed by the header, each with its line. For small reviewed
 * tables (prices, leaderboards); imports stream with {@link readCsvRecords}.
 */
export async function readCsvObjects(path: string): Promise<{ header: string[]; rows: CsvObject[] }> {
  let header: string[] | null = null;
  const rows: CsvObject[] = [];
  for await (const r of readCsvRecords(path)) {
    if (!header) {
      header = r.fields.map((h) => h.trim());
      continue;
    }
    const values: Record<string, string> = {};
    header.forEach((h, i) => {
      values[h] = r.fields[i] ?? "";
    });
    rows.push({ line: r.line, values });
  }
  if (!header) throw new InputError("empty CSV file: no header line", { file: path });
  return { header, rows };
}

/** One row of {@link readCsvObjects}: its values by column name and the line it starts on. */
export interface CsvObject {
  line: number;
  values: Record<string, string>;
}

export { toCsv } from "./csv-write.js";
