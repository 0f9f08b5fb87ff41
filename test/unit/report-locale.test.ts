/** Numbers, money and dates as each report language writes them, and the two message catalogues. */
import { describe, expect, it } from "vitest";
import { formatter } from "../../src/report/locale.js";
import { EN } from "../../src/report/messages-en.js";
import { IT } from "../../src/report/messages-it.js";

describe("report formatting", () => {
  it("English: 3,780,234; $150,000; 11 July 2024", () => {
    const f = formatter("en");
    expect(f.int(3_780_234)).toBe("3,780,234");
    expect(f.int(4_000)).toBe("4,000");
    expect(f.usd(150_000)).toBe("$150,000");
    expect(f.pct(77.551)).toBe("77.6 %");
    expect(f.signedPct(-1.25)).toBe("−1.3 %");
    expect(f.signedInt(1234)).toBe("+1,234");
    expect(f.date("2024-07-11")).toBe("11 July 2024");
    expect(f.month("2023-08")).toBe("August 2023");
    expect(f.int(null)).toBe("–");
  });

  it("Italian: 3.780.234; 4.000 (grouped below 10,000 too); 150.000 $; 11 luglio 2024", () => {
    const f = formatter("it");
    expect(f.int(3_780_234)).toBe("3.780.234");
    expect(f.int(4_000)).toBe("4.000");
    expect(f.usd(150_000)).toBe("150.000 $");
    expect(f.pct(77.551)).toBe("77,6 %");
    expect(f.dec(5.58, 2)).toBe("5,58");
    expect(f.date("2024-07-11")).toBe("11 luglio 2024");
    expect(f.month("2023-08")).toBe("agosto 2023");
  });

  it("Italian prose elides the article before 1, 8 and 11 (dell'11, del 2)", () => {
    const p = { date: "11 luglio 2024", snapshots: "2", count: 2, earliest: "2 giugno 2024" };
    expect(IT.subtitle(p)).toBe(
      "Istantanea dell'Hub di Hugging Face dell'11 luglio 2024 · 2 istantanee registrate dal 2 giugno 2024",
    );
    expect(IT.subtitle({ ...p, snapshots: "1", count: 1, earliest: "8 luglio 2024" })).toContain(
      "1 istantanea registrata dall'8 luglio 2024",
    );
    expect(IT.changesTitle({ base: "1 luglio 2024" })).toBe("Che cosa è cambiato dall'1 luglio 2024");
  });

  it("both catalogues define every definition and class name; no Italian text is left in English", () => {
    expect(Object.keys(IT.definitions).sort()).toEqual(Object.keys(EN.definitions).sort());
    expect(Object.keys(IT.classNames).sort()).toEqual(Object.keys(EN.classNames).sort());
    const strings = (m: object) =>
      Object.entries(m).filter((e): e is [string, string] => typeof e[1] === "string" && e[1].length > 12);
    const en = new Map(strings(EN));
    const same = strings(IT)
      .filter(([k, v]) => en.get(k) === v)
      .map(([k]) => k);
    expect(same).toEqual([]);
  });
});
