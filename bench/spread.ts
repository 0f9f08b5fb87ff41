/** Median, minimum and maximum of a bench's runs, rounded to 3 decimals (the figures the whole-process benches quote). */
export function spread(xs: readonly number[]): { median: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const median =
    s.length % 2
      ? (s[(s.length - 1) / 2] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
  const r = (x: number) => Number(x.toFixed(3));
  return { median: r(median), min: r(s[0] as number), max: r(s.at(-1) as number) };
}
