// WCAG 2.x contrast (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio), for the brand colours staff pick: the
// primary colour is used for links and headings on white and as the background of white button text, so both
// readings matter. The ratio is symmetric, so "colour text on white" and "white text on the colour" are one number.

/** AA for normal-size text. */
export const WCAG_AA_TEXT = 4.5;

const HEX = /^#([0-9a-f]{6})$/i;

/** `#rrggbb` in lowercase, from `#rgb` or `#rrggbb` (any case); null for anything else. */
export function normalizeHexColor(input: string): string | null {
  const v = input.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(v);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  return HEX.test(v) ? v : null;
}

function channel(hex: string, at: number): number {
  const c = parseInt(hex.slice(at, at + 2), 16) / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of a `#rrggbb` colour, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  if (!HEX.test(hex)) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return 0.2126 * channel(hex, 1) + 0.7152 * channel(hex, 3) + 0.0722 * channel(hex, 5);
}

/** (L1 + 0.05) / (L2 + 0.05) with the lighter colour on top: 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [la, lb] = [relativeLuminance(a), relativeLuminance(b)];
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** A ratio the way people read it, rounded down so 4.499 never shows as a passing "4.5:1". */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;
}

/** White or near-black, whichever reads better on the colour: the text colour of a button in that colour. */
export function readableTextOn(hex: string): '#ffffff' | '#111827' {
  return contrastRatio(hex, '#ffffff') >= contrastRatio(hex, '#111827') ? '#ffffff' : '#111827';
}

export interface ContrastWarning {
  field: 'primaryColor' | 'accentColor';
  ratio: number;
  message: string;
}

/** A warning for each brand colour below AA against white (text on white, and white text on it); empty when both pass. */
export function brandContrastWarnings(colors: { primaryColor: string; accentColor: string }): ContrastWarning[] {
  const out: ContrastWarning[] = [];
  for (const [field, label] of [['primaryColor', 'primary'], ['accentColor', 'accent']] as const) {
    const ratio = contrastRatio(colors[field], '#ffffff');
    if (ratio < WCAG_AA_TEXT) {
      out.push({
        field,
        ratio,
        message: `The ${label} colour ${colors[field]} has a contrast of ${formatRatio(ratio)} with white, below the ${WCAG_AA_TEXT}:1 WCAG AA asks for text: links in it on white and white text on its buttons will be hard to read.`,
      });
    }
  }
  return out;
}
