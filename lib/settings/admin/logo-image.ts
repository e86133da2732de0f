import { LOGO_MAX_BYTES } from '@/lib/settings/branding-settings';

export type LogoMime = 'image/png' | 'image/jpeg';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/**
 * The image type by its first bytes, whatever the file name or the browser's content type claim: the PNG signature
 * followed by an IHDR chunk, or a JPEG SOI marker followed by another marker. Anything else is null.
 */
export function sniffLogoMime(bytes: Uint8Array): LogoMime | null {
  if (bytes.length >= 16 && PNG_SIGNATURE.every((b, i) => bytes[i] === b) && String.fromCharCode(...bytes.subarray(12, 16)) === 'IHDR') return 'image/png';
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff && bytes[3]! >= 0xc0) return 'image/jpeg';
  return null;
}

export type LogoCheck = { ok: true; mime: LogoMime } | { ok: false; error: string };

/** Whether these bytes may be a storefront logo: not empty, at most LOGO_MAX_BYTES, and a PNG or JPEG by content. */
export function checkLogoImage(bytes: Uint8Array): LogoCheck {
  if (bytes.length === 0) return { ok: false, error: 'is empty' };
  if (bytes.length > LOGO_MAX_BYTES) return { ok: false, error: `must be at most ${LOGO_MAX_BYTES / 1024} KB` };
  const mime = sniffLogoMime(bytes);
  return mime ? { ok: true, mime } : { ok: false, error: 'must be a PNG or JPEG image' };
}
