/** Report section: the cost of the preset workload on each option, cheapest and most expensive named. */
import type { OptionCost } from "../../domain/cost.js";
import { fig } from "../document.js";
import type { ReportWriter } from "./writer.js";

/** Writes the section. */
export function costSection(w: ReportWriter): void {
  const { data, m, f, blocks, noteOf, h2, p } = w;
  const optionLabel = (o: OptionCost) => m.costOption({ kind: o.kind, model: o.model, provider: o.provider });
  if (data.cost) {
    h2("cost", m.costTitle);
    if ("error" in data.cost) p(m.costMissing({ preset: data.cost.preset, error: data.cost.error }));
    else {
      const plan = data.cost.plan;
      const n = noteOf(data.cost.source);
      p(
        m.costIntro({
          preset: plan.preset?.name ?? "",
          asOf: f.date(plan.asOf),
          tokens: f.compact(plan.workload.tokensPerMonth),
          ratio: plan.workload.ratio,
        }),
      );
      const sorted = [...plan.options].sort((a, b) => b.monthlyUsd - a.monthlyUsd);
      const hi = sorted[0];
      const lo = sorted[sorted.length - 1];
      if (hi && lo && hi !== lo && lo.monthlyUsd > 0) {
        p(
          m.costSummary({
            expensive: optionLabel(hi),
            expensiveCost: fig(f.usd(hi.monthlyUsd), n),
            cheapest: optionLabel(lo),
            cheapestCost: fig(f.usd(lo.monthlyUsd), n),
            times: f.dec(hi.monthlyUsd / lo.monthlyUsd, 1),
          }),
        );
      }
      blocks.push({
        kind: "table",
        columns: [
          { label: m.colOption },
          { label: fig(m.colMonthly, n), align: "right" },
          { label: m.colPer1M, align: "right" },
          { label: m.colSaving, align: "right" },
        ],
        rows: plan.options.map((o) => [
          optionLabel(o),
          f.usd(o.monthlyUsd),
          o.usdPer1M === null ? "–" : f.dec(o.usdPer1M, 2),
          o.savingsUsd > 0 ? `${f.usd(o.savingsUsd)} (${f.pct(o.savingsPct, 1)})` : "",
        ]),
      });
      p(m.costNote);
    }
  }
}
