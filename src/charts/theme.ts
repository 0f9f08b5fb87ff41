/** The two chart themes (light, dark): colours set explicitly in each option, so SSR and the browser agree. */

/** A chart theme name. */
export type ChartTheme = "light" | "dark";

/** Colours of one theme. */
export interface ThemeColors {
  background: string;
  text: string;
  muted: string;
  grid: string;
  palette: string[];
}

/** The colours of each theme (palette: ten colours distinguishable in both themes, one per compare item). */
export const THEMES: Readonly<Record<ChartTheme, ThemeColors>> = {
  light: {
    background: "#ffffff",
    text: "#1f2328",
    muted: "#59636e",
    grid: "#e6e8eb",
    palette: [
      "#2563eb",
      "#dc2626",
      "#16a34a",
      "#9333ea",
      "#ea580c",
      "#0891b2",
      "#c026d3",
      "#65a30d",
      "#b45309",
      "#475569",
    ],
  },
  dark: {
    background: "#0d1117",
    text: "#e6edf3",
    muted: "#9198a1",
    grid: "#30363d",
    palette: [
      "#60a5fa",
      "#f87171",
      "#4ade80",
      "#c084fc",
      "#fb923c",
      "#22d3ee",
      "#e879f9",
      "#a3e635",
      "#fbbf24",
      "#94a3b8",
    ],
  },
};

/** The theme for a user-given value: `dark`, else light. */
export function parseTheme(s: string | null | undefined): ChartTheme {
  return s === "dark" ? "dark" : "light";
}
