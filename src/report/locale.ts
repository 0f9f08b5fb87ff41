/**
 * Numbers, percentages, money and dates written the way each report language writes them: English 3,780,234 and
 * 11 July 2024; Italian 3.780.234 and 11 luglio 2024 (grouping always on, so 4.000 too).
 */

/** The report languages. */
export const LANGS = ["en", "it"] as const;
/** A report language. */
export type Lang = (typeof LANGS)[number];

const LOCALE: Record<Lang, string> = { en: "en-GB", it: "it-IT" };

/** The formatters of one language. */
export interface Formatter {
  readonly lang: Lang;
  /** Whole number with the language's grouping; null → "–". */
  int(n: number | null | undefined): string;
  /** A number with up to `digits` decimals. */
  dec(n: number | null | undefined, digits?: number): string;
  /** A percentage given in percent (77.55 → "77.6 %" / "77,6 %"). */
  pct(p: number | null | undefined, digits?: number): string;
  /** A signed percentage change given in percent ("+12.5 %"). */
  signedPct(p: number | null | undefined): string;
  /** A signed whole number ("+1,234" / "−1.234"). */
  signedInt(n: number | null | undefined): string;
  /** A large count in words from a million up ("4 billion" / "4 miliardi"), else a whole number. */
  compact(n: number | null | undefined): string;
  /** US dollars without cents ("$150,000" / "150.000 $"). */
  usd(n: number | null | undefined): string;
  /** A calendar date `YYYY-MM-DD` written out ("11 July 2024" / "11 luglio 2024"). */
  date(iso: string | null | undefined): string;
  /** A month `YYYY-MM` or a date, as month and year ("August 2023" / "agosto 2023"). */
  month(iso: string): string;
}

const DASH = "–";

/** The formatter for a language. */
export function formatter(lang: Lang): Formatter {
  const locale = LOCALE[lang];
  const int = new Intl.NumberFormat(locale, {
    maximumFractionDigits: 0,
    useGrouping: "always",
  } as Intl.NumberFormatOptions);
  const decs = new Map<number, Intl.NumberFormat>();
  const decOf = (d: number) => {
    let f = decs.get(d);
    if (!f) {
      f = new Intl.NumberFormat(locale, {
        minimumFractionDigits: 0,
        maximumFractionDigits: d,
        useGrouping: "always",
      } as Intl.NumberFormatOptions);
      decs.set(d, f);
    }
    return f;
  };
  const compact = new Intl.NumberFormat(locale, {
    notation: "compact",
    compactDisplay: "long",
    maximumFractionDigits: 1,
  });
  const dates = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  const months = new Intl.DateTimeFormat(locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const ok = (n: number | null | undefined): n is number => n !== null && n !== undefined && Number.isFinite(n);
  const sign = (n: number) => (n > 0 ? "+" : n < 0 ? "−" : "");
  return {
    lang,
    int: (n) => (ok(n) ? int.format(Math.round(n)) : DASH),
    dec: (n, d = 2) => (ok(n) ? decOf(d).format(n) : DASH),
    pct: (p, d = 1) => (ok(p) ? `${decOf(d).format(p)} %` : DASH),
    signedPct: (p) => (ok(p) ? `${sign(p)}${decOf(1).format(Math.abs(p))} %` : DASH),
    signedInt: (n) => (ok(n) ? `${sign(n)}${int.format(Math.abs(Math.round(n)))}` : DASH),
    compact: (n) => (ok(n) ? (Math.abs(n) >= 1_000_000 ? compact.format(n) : int.format(Math.round(n))) : DASH),
    usd: (n) => (ok(n) ? (lang === "it" ? `${int.format(Math.round(n))} $` : `$${int.format(Math.round(n))}`) : DASH),
    date: (iso) => (iso ? dates.format(new Date(`${iso.slice(0, 10)}T00:00:00Z`)) : DASH),
    month: (iso) => months.format(new Date(`${iso.slice(0, 7)}-01T00:00:00Z`)),
  };
}

/** Parses a `--lang` value. */
export function isLang(v: string): v is Lang {
  return (LANGS as readonly string[]).includes(v);
}
