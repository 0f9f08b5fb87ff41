/**
 * Shields-style badges without a browser: a flat (or flat-square) SVG with a label and a message, the text widths
 * estimated from a per-character table of Verdana 11px advance widths (as shields.io and badgen do), and the
 * shields.io "endpoint" JSON. Pure functions.
 */

/**
 * Advance widths of the printable ASCII characters (codes 32-126) in Verdana at 11px, in tenths of a pixel
 * (the table shields.io and badgen measure badge text with).
 */
const VERDANA_11_TENTHS = [
  39, 43, 50, 90, 70, 120, 80, 30, 50, 50, 70, 90, 40, 50, 40, 50, 70, 70, 70, 70, 70, 70, 70, 70, 70, 70, 50, 50, 90,
  90, 90, 60, 110, 75, 75, 77, 85, 70, 63, 85, 83, 46, 50, 76, 61, 93, 82, 87, 66, 87, 76, 75, 68, 81, 75, 110, 75, 68,
  75, 50, 50, 50, 90, 70, 70, 66, 69, 57, 69, 66, 39, 69, 70, 30, 38, 65, 30, 110, 70, 67, 69, 69, 47, 57, 43, 70, 65,
  90, 65, 65, 58, 70, 50, 70, 90,
];

/** Width used for characters outside the table (that of `@`, the widest common glyph). */
const FALLBACK_TENTHS = 110;

/** Estimated width in pixels of a text in Verdana 11px (sum of per-character advance widths). */
export function textWidth(text: string): number {
  let tenths = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (code < 32) continue;
    tenths += code <= 126 ? (VERDANA_11_TENTHS[code - 32] ?? FALLBACK_TENTHS) : FALLBACK_TENTHS;
  }
  return tenths / 10;
}

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&apos;",
  );
}

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
 * Renders a shields-style badge as SVG: a grey label part and a coloured message part, each 5px of padding on both
 * sides of its text, height 20; text drawn at 10x scale with `textLength` so renderers without Verdana keep the
 * measured width. Texts are XML-escaped (and cut at 100 characters).
 */
export function renderBadgeSvg(spec: BadgeSpec): string {
  const label = clip(spec.label);
  const message = clip(spec.message);
  const style = spec.style ?? "flat";
  const color = badgeColor(spec.color);
  const labelText = Math.round(textWidth(label) * 10) / 10;
  const messageText = Math.round(textWidth(message) * 10) / 10;
  const hasLabel = label.length > 0;
  const labelWidth = hasLabel ? Math.round(labelText + 10) : 0;
  const messageWidth = Math.round(messageText + 10);
  const width = labelWidth + messageWidth;
  const title = escapeXml(hasLabel ? `${label}: ${message}` : message);
  const text = (s: string, centre: number, textLen: number, shadow: boolean) => {
    const x = Math.round(centre * 10);
    const len = Math.round(textLen * 10);
    const shade =
      style === "flat" && shadow
        ? `<text aria-hidden="true" x="${x}" y="150" fill="#010101" fill-opacity=".3" transform="scale(.1)" textLength="${len}">${escapeXml(s)}</text>`
        : "";
    return `${shade}<text x="${x}" y="140" transform="scale(.1)" fill="#fff" textLength="${len}">${escapeXml(s)}</text>`;
  };
  const gradient =
    style === "flat"
      ? `<linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient>`
      : "";
  const clipPath =
    style === "flat"
      ? `<clipPath id="r"><rect width="${width}" height="20" rx="3" fill="#fff"/></clipPath>`
      : `<clipPath id="r"><rect width="${width}" height="20" fill="#fff"/></clipPath>`;
  const overlay = style === "flat" ? `<rect width="${width}" height="20" fill="url(#s)"/>` : "";
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="20" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    gradient,
    clipPath,
    `<g clip-path="url(#r)">`,
    hasLabel ? `<rect width="${labelWidth}" height="20" fill="#555"/>` : "",
    `<rect x="${labelWidth}" width="${messageWidth}" height="20" fill="${color}"/>`,
    overlay,
    `</g>`,
    `<g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" text-rendering="geometricPrecision" font-size="110">`,
    hasLabel ? text(label, labelWidth / 2, labelText, true) : "",
    text(message, labelWidth + messageWidth / 2, messageText, true),
    `</g></svg>`,
  ].join("");
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
