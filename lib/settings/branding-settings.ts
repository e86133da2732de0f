import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { settingsGroup } from './settings-group';

/** Largest logo file staff may upload; it is stored inline (base64) and embedded in every invoice PDF. */
export const LOGO_MAX_BYTES = 256 * 1024;

/** A PNG or JPEG logo as a data: URL; the length bound is the base64 of LOGO_MAX_BYTES plus the prefix. */
export const logoDataUrlSchema = z
  .string()
  .max(Math.ceil(LOGO_MAX_BYTES / 3) * 4 + 32)
  .regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/, 'must be a PNG or JPEG data URL');

/** How a storefront looks on its documents (the brand colour lives on the central storefront row). */
export const brandingSettingsSchema = z.object({
  /** Shown at the top of invoice PDFs; null: the storefront name only. */
  logo: z.object({ dataUrl: logoDataUrlSchema, bytes: z.number().int().min(1).max(LOGO_MAX_BYTES), sha256: z.string().regex(/^[0-9a-f]{64}$/) }).nullable(),
});

export type BrandingSettings = z.infer<typeof brandingSettingsSchema>;

export const DEFAULT_BRANDING_SETTINGS: BrandingSettings = { logo: null };

const branding = settingsGroup('branding', brandingSettingsSchema, DEFAULT_BRANDING_SETTINGS);

export async function getBrandingSettings(db: SfDb): Promise<BrandingSettings> {
  return branding.get(db);
}

/**
 * Writes only the keys given; a null logo deletes the stored one (a JSON column cannot hold SQL NULL). The caller
 * audits the change in the same transaction.
 */
export async function saveBrandingSettings(db: SfDb, patch: Partial<BrandingSettings>): Promise<void> {
  const { logo, ...rest } = patch;
  if (logo === null) await branding.reset(db, ['logo']);
  await branding.save(db, logo === null ? rest : patch);
}
