/**
 * Time axes that suit dated data and the one-snapshot display, on the shared chart builder rendered to SVG by
 * ECharts (as the embeds and the report draw it): never hours on the axis, a unit that follows the span of the
 * dates, one snapshot shown as a value with its note.
 */
import { describe, expect, it } from "vitest";
import { buildSeriesChartOption } from "../../src/charts/series-chart.js";
import { renderSvg } from "../../src/charts/ssr.js";
import { isSingleSnapshot, ONE_SNAPSHOT_NOTE, timeUnitOf } from "../../src/charts/time-axis.js";

/** The text nodes of an SVG. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);

/** One series over the dates, values 100, 101, … */
const over = (dates: string[]) => [{ name: "a", points: dates.map((date, i) => ({ date, value: 100 + i })) }];

const days = (from: string, n: number, step = 1) =>
  Array.from({ length: n }, (_, i) =>
    new Date(Date.parse(`${from}T00:00:00Z`) + i * step * 86_400_000).toISOString().slice(0, 10),
  );

describe("time axis", () => {
  it("the unit follows the span of the dates (the series' auto bucket rule) or the series' own bucket", () => {
    expect(timeUnitOf(["2024-07-11"])).toBe("day");
    expect(timeUnitOf(["2024-07-11", "2024-08-11"])).toBe("day");
    expect(timeUnitOf(days("2024-01-01", 20, 7))).toBe("week");
    expect(timeUnitOf(days("2024-01-01", 19, 30))).toBe("month");
    expect(timeUnitOf(["2024-07-11", "2024-08-11"], "month")).toBe("month");
  });

  it.each([
    ["two snapshots a month apart", ["2024-07-11", "2024-08-11"]],
    ["16 daily snapshots", days("2026-08-07", 16)],
    ["3 consecutive days", days("2024-07-10", 3)],
    ["monthly snapshots over a year and a half", days("2024-06-13", 19, 30)],
  ])("%s: the axis is labelled with dates, never hours", (_, dates) => {
    const labels = texts(renderSvg(buildSeriesChartOption(over(dates), { metric: "downloads (30 days)" }), 800, 400));
    const axis = labels.filter((t) => /[A-Za-z]{3}|^\d{4}$/.test(t) && t !== "downloads (30 days)");
    expect(axis.length).toBeGreaterThan(0);
    expect(labels.filter((t) => /\d{1,2}:\d{2}/.test(t))).toEqual([]);
    expect(labels.some((t) => t.includes(ONE_SNAPSHOT_NOTE))).toBe(false);
  });

  it("one snapshot: the value and the note, no axis with one dot", () => {
    const series = [
      { name: "Llama 2", points: [{ date: "2024-07-11", value: 4_697_640 }] },
      { name: "Vicuna", points: [{ date: "2024-07-11", value: 715_847 }] },
    ];
    expect(isSingleSnapshot(series)).toBe(true);
    const option = buildSeriesChartOption(series, { metric: "downloads (30 days)" }) as { xAxis?: unknown };
    expect(option.xAxis).toBeUndefined();
    expect(texts(renderSvg(option, 800, 400))).toEqual([
      "Llama 2: 4,697,640",
      "Vicuna: 715,847",
      `downloads (30 days) on 2024-07-11 · ${ONE_SNAPSHOT_NOTE}`,
    ]);
    // a series with two points among others with one is a chart again
    expect(
      isSingleSnapshot([...series, { name: "x", points: over(["2024-07-11", "2024-08-11"])[0]?.points ?? [] }]),
    ).toBe(false);
  });
});
