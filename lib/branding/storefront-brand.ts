import type { Storefront } from '@/db/schema/central';
import type { SfDb } from '@/lib/db/connection';
import { getBrandingSettings, saveBrandingSettings, type BrandingSettings, type LegacyLogo, type StoredImage } from '@/lib/settings/branding-settings';
import { brandAssetPath, storeBrandAsset } from './brand-asset';
import type { BrandImageMime, RasterMime } from './brand-image';
import { normalizeHexColor } from './contrast';
import { DEFAULT_BRAND_COLOR } from './default-brand-color';


export interface BrandImage {
  key: string;
  /** Path on the storefront's own hosts (/api/brand-assets/…). */
  path: string;
  mime: BrandImageMime;
}

export interface LegalLink {
  label: 'Terms' | 'Privacy' | 'Imprint';
  url: string;
}

/** Everything that shows whose storefront this is: read once per request, email or document. */
export interface StorefrontBrand {
  name: string;
  primaryColor: string;
  accentColor: string;
  logo: BrandImage | null;
  /** The logo as PNG or JPEG, for the PDF and emails; null when the logo is an SVG that could not be drawn. */
  rasterLogo: (BrandImage & { mime: RasterMime }) | null;
  favicon: BrandImage | null;
  supportEmail: string | null;
  mailFromAddress: string | null;
  footerText: string | null;
  legalLinks: LegalLink[];
}

export type BrandStorefront = Pick<Storefront, 'slug' | 'name' | 'brandColor'>;

const image = (key: string, mime: BrandImageMime): BrandImage => ({ key, path: brandAssetPath(key), mime });

/**
 * A logo stored by an earlier release (inline data: URL) is written to the file store and the setting rewritten to
 * point at it, once; until that succeeds the storefront reads as having no logo rather than failing its pages.
 */
async function moveLegacyLogo(db: SfDb, storefront: BrandStorefront, legacy: LegacyLogo): Promise<StoredImage | null> {
  const mime = legacy.dataUrl.startsWith('data:image/png') ? 'image/png' : 'image/jpeg';
  const bytes = Buffer.from(legacy.dataUrl.slice(legacy.dataUrl.indexOf(',') + 1), 'base64');
  try {
    const { key, sha256 } = await storeBrandAsset(storefront, 'logo', bytes, mime);
    const logo: StoredImage = { key, mime, bytes: bytes.length, sha256, rasterKey: null };
    await saveBrandingSettings(db, { logo });
    return logo;
  } catch (err) {
    console.error(`Could not move the logo of storefront ${storefront.slug} to file storage:`, err);
    return null;
  }
}

export function brandFromSettings(storefront: BrandStorefront, s: Omit<BrandingSettings, 'logo'> & { logo: StoredImage | null }): StorefrontBrand {
  const primaryColor = s.primaryColor ?? normalizeHexColor(storefront.brandColor) ?? DEFAULT_BRAND_COLOR;
  const logo = s.logo ? image(s.logo.key, s.logo.mime) : null;
  const rasterKey = s.logo ? (s.logo.mime === 'image/svg+xml' ? s.logo.rasterKey : s.logo.key) : null;
  const rasterMime: RasterMime = s.logo?.mime === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  // Only web links reach an href, whatever a stored row says (the form allows nothing else either).
  const legalLinks = (
    [
      ['Terms', s.termsUrl],
      ['Privacy', s.privacyUrl],
      ['Imprint', s.imprintUrl],
    ] as const
  )
    .filter((l): l is [LegalLink['label'], string] => !!l[1] && /^https?:\/\//i.test(l[1]))
    .map(([label, url]) => ({ label, url }));
  return {
    name: s.companyName ?? storefront.name,
    primaryColor,
    accentColor: s.accentColor ?? primaryColor,
    logo,
    rasterLogo: rasterKey ? { ...image(rasterKey, rasterMime), mime: rasterMime } : null,
    favicon: s.favicon ? image(s.favicon.key, s.favicon.mime) : null,
    supportEmail: s.supportEmail,
    mailFromAddress: s.mailFromAddress,
    footerText: s.footerText,
    legalLinks,
  };
}

/** The storefront's brand: its branding settings over the central row's name and colour. */
export async function getStorefrontBrand(db: SfDb, storefront: BrandStorefront): Promise<StorefrontBrand> {
  const settings = await getBrandingSettings(db);
  const logo = settings.logo && 'dataUrl' in settings.logo ? await moveLegacyLogo(db, storefront, settings.logo) : settings.logo;
  return brandFromSettings(storefront, { ...settings, logo });
}
