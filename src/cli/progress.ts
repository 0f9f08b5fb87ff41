/**
 * Progress for long commands: a cli-progress bar on a TTY (pages, models, rate, ETA when the total is known),
 * plain periodic lines on stderr otherwise (logs, CI).
 */
import cliProgress from "cli-progress";

/** A progress reporter: `update` often, `stop` once. */
export interface Progress {
  update(models: number, pages: number): void;
  stop(): void;
}

/** Creates a reporter; `total` (models) enables the ETA. */
export function createProgress(label: string, total?: number): Progress {
  const started = Date.now();
  const rate = (models: number) => Math.round(models / Math.max(0.001, (Date.now() - started) / 1000));
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: total
          ? `${label} [{bar}] {percentage}% | {pages} pages | {value}/{total} models | {rate}/s | ETA {eta_formatted}`
          : `${label} | {pages} pages | {value} models | {rate}/s | {duration_formatted}`,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total ?? 0, 0, { pages: 0, rate: 0 });
    return {
      update: (models, pages) => bar.update(models, { pages, rate: rate(models) }),
      stop: () => bar.stop(),
    };
  }
  let last = 0;
  return {
    update: (models, pages) => {
      if (Date.now() - last < 5000) return;
      last = Date.now();
      const eta = total && models > 0 ? `, ETA ${Math.round((total - models) / rate(models))} s` : "";
      process.stderr.write(`${label}: ${pages} pages, ${models} models, ${rate(models)}/s${eta}\n`);
    },
    stop: () => undefined,
  };
}
