import { z } from 'zod';
import type { SfDb } from '@/lib/db/connection';
import { settingsGroup } from './settings-group';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);
const storageKey = z.string().min(1).max(512);
const hexColor = z.string().regex(/^#[0-9a-f]{6}$/, 'must be a colour like #2563eb');

/** An uploaded image in the file store (lib/storage): content-addressed, so its URL never changes meaning. */
export const storedImageSchema = z.object({
  key: storageKey,
  mime: z.enum(['image/png', 'image/jpeg', 'image/svg+xml']),
  bytes: z.number().int().min(1),
  sha256,
  /** A PNG drawn from an SVG logo, for the PDF and emails (which cannot show SVG); null for PNG/JPEG or when none could be drawn. */
  rasterKey: storageKey.nullable(),
});
export type StoredImage = z.infer<typeof storedImageSchema>;

/** The logo as releases before file storage kept it: a PNG or JPEG inline as a data: URL. Moved to storage on first read. */
export const legacyLogoSchema = z.object({
  dataUrl: z.string().regex(/^data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+={0,2}$/),
  bytes: z.number().int().min(1),
  sha256,
});
export type LegacyLogo = z.infer<typeof legacyLogoSchema>;

/**
 * How a storefront presents itself on its hosts, emails and documents. Every field is optional: null falls back to
 * the central storefront row (name, brand colour) or to nothing shown.
 */
export const brandingSettingsSchema = z.object({
  logo: z.union([storedImageSchema, legacyLogoSchema]).nullable(),
  favicon: storedImageSchema.nullable(),
  /** The name customers see; null: the storefront's name. */
  companyName: z.string().min(1).max(120).nullable(),
  /** null: the storefront's brand colour (storefronts.brand_color). */
  primaryColor: hexColor.nullable(),
  /** null: the primary colour. */
  accentColor: hexColor.nullable(),
  supportEmail: z.string().email().max(254).nullable(),
  /** The address the storefront's emails come from; null: the platform's MAIL_FROM address. */
  mailFromAddress: z.string().email().max(254).nullable(),
  footerText: z.string().max(500).nullable(),
  termsUrl: z.string().url().max(500).nullable(),
  privacyUrl: z.string().url().max(500).nullable(),
  imprintUrl: z.string().url().max(500).nullable(),
});

export type BrandingSettings = z.infer<typeof brandingSettingsSchema>;

export const DEFAULT_BRANDING_SETTINGS: BrandingSettings = {
  logo: null,
  favicon: null,
  companyName: null,
  primaryColor: null,
  accentColor: null,
  supportEmail: null,
  mailFromAddress: null,
  footerText: null,
  termsUrl: null,
  privacyUrl: null,
  imprintUrl: null,
};

const branding = settingsGroup('branding', brandingSettingsSchema, DEFAULT_BRANDING_SETTINGS);

export async function getBrandingSettings(db: SfDb): Promise<BrandingSettings> {
  return branding.get(db);
}

/**
 * Writes only the keys given; a null deletes the stored row, so the key reads as its default again (a JSON column
 * cannot hold SQL NULL). The caller audits the change in the same transaction.
 */
export async function saveBrandingSettings(db: SfDb, patch: Partial<BrandingSettings>): Promise<void> {
  const keys = Object.keys(patch) as (keyof BrandingSettings)[];
  const cleared = keys.filter((k) => patch[k] === null);
  await branding.reset(db, cleared);
  await branding.save(db, Object.fromEntries(keys.filter((k) => patch[k] !== null && patch[k] !== undefined).map((k) => [k, patch[k]])) as Partial<BrandingSettings>);
}
