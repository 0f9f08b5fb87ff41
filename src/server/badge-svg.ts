/**
 * Shields-style badges without a browser: the SVG is drawn by `badge-maker` (shields.io's own package: text widths
 * measured from its Verdana 11px tables, flat and flat-square styles), from our colour names, clipped texts and
 * styles; plus the shields.io "endpoint" JSON and the compact numbers badges show. Pure functions.
 */
import { makeBadge } from "badge-maker";

/** Named colours of shields.io badges. */
export const BADGE_COLORS: Readonly<Record<string, string>> = {
  brightgreen: "#4c1",
  green: "#97ca00",
  yellow: "#dfb317",
  yellowgreen: "#a4a61d",
  orange: "#fe7d37",
  red: "#e05d44",
  blue: "#007ec6",
  grey: "#555",
  gray: "#555",
  lightgrey: "#9f9f9f",
  lightgray: "#9f9f9f",
};

/** A colour name of {@link BADGE_COLORS}, or a hex colour `#rgb` / `#rrggbb`; anything else is blue. */
export function badgeColor(color: string | undefined): string {
  if (!color) return BADGE_COLORS.blue as string;
  const named = BADGE_COLORS[color.toLowerCase()];
  if (named) return named;
  const hex = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color);
  return hex ? `#${hex[1]}` : (BADGE_COLORS.blue as string);
}

/** Badge styles supported. */
export const BADGE_STYLES = ["flat", "flat-square"] as const;

/** A badge style. */
export type BadgeStyle = (typeof BADGE_STYLES)[number];

/** What a badge shows. */
export interface BadgeSpec {
  label: string;
  message: string;
  /** A colour name (blue, green, lightgrey…) or a hex colour; default blue. */
  color?: string;
  /** Default flat (rounded, with a light gradient). */
  style?: BadgeStyle;
}

/** Longest label or message drawn; longer texts are cut with an ellipsis. */
const MAX_TEXT = 100;

function clip(s: string): string {
  // control characters are not allowed in XML 1.0 text
  const chars = [...s].filter((c) => {
    const code = c.codePointAt(0) ?? 0;
    return code >= 32 && code !== 127;
  });
  return chars.length > MAX_TEXT ? `${chars.slice(0, MAX_TEXT - 1).join("")}…` : chars.join("");
}

/**
 * Renders a shields-style badge as SVG with `badge-maker`: a grey label part and a coloured message part, 5px of
 * padding on both sides of each text, height 20, text drawn with `textLength` so renderers without Verdana keep the
 * measured width; no label part when the label is empty. Texts are XML-escaped by badge-maker, cut at 100
 * characters and stripped of control characters (not allowed in XML 1.0) here.
 */
export function renderBadgeSvg(spec: BadgeSpec): string {
  return makeBadge({
    label: clip(spec.label),
    message: clip(spec.message),
    color: badgeColor(spec.color),
    style: spec.style ?? "flat",
  });
}

/** The shields.io endpoint badge JSON (https://shields.io/badges/endpoint-badge). */
export interface ShieldsEndpoint {
  schemaVersion: 1;
  label: string;
  message: string;
  color: string;
  isError?: boolean;
}

/** The shields.io endpoint JSON of a badge. */
export function shieldsEndpoint(spec: BadgeSpec, isError = false): ShieldsEndpoint {
  return {
    schemaVersion: 1,
    label: spec.label,
    message: spec.message,
    color: spec.color ?? "blue",
    ...(isError ? { isError: true } : {}),
  };
}

/**
 * A count in compact form, as badges show it: below 1,000 as is; then `k`, `M`, `B` with one decimal below 10 of
 * the unit (1.3M, 2.5k) and none above (695k, 12M); a value that would round up to 1000 of a unit moves to the next
 * unit (999,950 → 1M).
 */
export function compactNumber(n: number): string {
  if (!Number.isFinite(n)) return "?";
  const sign = n < 0 ? "-" : "";
  let v = Math.abs(n);
  if (v < 1000) return `${sign}${Math.round(v)}`;
  const units = ["k", "M", "B", "T"];
  let u = -1;
  while (u < units.length - 1 && v >= 1000) {
    v /= 1000;
    u++;
    // 999.96k reads as 1000k: carry to the next unit
    if (v < 1000 && (v < 10 ? Math.round(v * 10) / 10 : Math.round(v)) >= 1000 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
  }
  const shown = v < 10 ? (Math.round(v * 10) / 10).toString() : Math.round(v).toString();
  return `${sign}${shown}${units[u]}`;
}
