import { sanitizeSvg } from './svg/sanitize-svg';

export type BrandImageKind = 'logo' | 'favicon';
export type RasterMime = 'image/png' | 'image/jpeg';
export type BrandImageMime = RasterMime | 'image/svg+xml';

/** Largest file staff may upload, per image: a logo is embedded in every invoice PDF, a favicon is fetched on every visit. */
export const BRAND_IMAGE_MAX_BYTES: Record<BrandImageKind, number> = { logo: 256 * 1024, favicon: 64 * 1024 };

export const BRAND_IMAGE_EXTENSION: Record<BrandImageMime, 'png' | 'jpg' | 'svg'> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/svg+xml': 'svg' };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The raster type by its first bytes, whatever the file name or the browser's content type claim: the PNG signature
 * followed by an IHDR chunk, or a JPEG SOI marker followed by another marker. Anything else is null.
 */
export function sniffRasterMime(bytes: Uint8Array): RasterMime | null {
  if (bytes.length >= 16 && PNG_SIGNATURE.every((b, i) => bytes[i] === b) && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR') return 'image/png';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3]! >= 0xc0) return 'image/jpeg';
  return null;
}

/** UTF-8 text whose first markup is a tag: worth parsing as SVG (the parser then decides). */
function svgText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  return /^\uFEFF?\s*</.test(text) ? text : null;
}

export type PreparedBrandImage =
  | { ok: true; mime: BrandImageMime; bytes: Buffer; /** What sanitising took out of an SVG. */ removed: string[] }
  | { ok: false; error: string };

/**
 * Checks an uploaded logo or favicon by its content: not empty, within the size limit, and a PNG, a JPEG or an SVG.
 * An SVG comes back sanitised (lib/branding/svg/sanitize-svg.ts): what is stored and served is the clean copy.
 */
export function prepareBrandImage(kind: BrandImageKind, bytes: Uint8Array): PreparedBrandImage {
  if (bytes.length === 0) return { ok: false, error: 'is empty' };
  const max = BRAND_IMAGE_MAX_BYTES[kind];
  if (bytes.length > max) return { ok: false, error: `must be at most ${max / 1024} KB` };
  const raster = sniffRasterMime(bytes);
  if (raster) return { ok: true, mime: raster, bytes: Buffer.from(bytes), removed: [] };
  const text = svgText(bytes);
  if (text === null) return { ok: false, error: 'must be a PNG, JPEG or SVG image' };
  const svg = sanitizeSvg(text);
  if (!svg.ok) return { ok: false, error: svg.error };
  return { ok: true, mime: 'image/svg+xml', bytes: Buffer.from(svg.svg, 'utf8'), removed: svg.removed };
}
