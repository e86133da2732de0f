import { createHash } from 'node:crypto';
import type { Storefront } from '@/db/schema/central';
import { getFileStore } from '@/lib/storage/registry';
import { BRAND_IMAGE_EXTENSION, type BrandImageKind, type BrandImageMime } from './brand-image';

// Brand images live in the file store under `<storefront slug>/branding/<kind>-<sha256>.<ext>` and are served on
// the storefront's own hosts at /api/brand-assets/<kind>-<sha256>.<ext>: the Host picks the storefront, so one
// storefront's URL never reaches another's files, and the hash in the name lets browsers cache them for good.

export const BRAND_ASSET_ROUTE = '/api/brand-assets';

const ASSET_FILE = /^(logo|favicon)-([0-9a-f]{64})\.(png|jpg|svg)$/;
const MIME_BY_EXTENSION: Record<string, BrandImageMime> = { png: 'image/png', jpg: 'image/jpeg', svg: 'image/svg+xml' };

export type BrandAssetStorefront = Pick<Storefront, 'slug'>;

export function brandAssetKey(storefront: BrandAssetStorefront, kind: BrandImageKind, bytes: Uint8Array, mime: BrandImageMime): { key: string; sha256: string } {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return { key: `${storefront.slug}/branding/${kind}-${sha256}.${BRAND_IMAGE_EXTENSION[mime]}`, sha256 };
}

/** The path of a stored brand image on the storefront's own hosts. */
export function brandAssetPath(key: string): string {
  return `${BRAND_ASSET_ROUTE}/${key.slice(key.lastIndexOf('/') + 1)}`;
}

/** Writes the image under its content-addressed key; writing the same image again rewrites the same bytes. */
export async function storeBrandAsset(storefront: BrandAssetStorefront, kind: BrandImageKind, bytes: Uint8Array, mime: BrandImageMime): Promise<{ key: string; sha256: string }> {
  const target = brandAssetKey(storefront, kind, bytes, mime);
  await getFileStore().put(target.key, bytes, { contentType: mime });
  return target;
}

export interface BrandAsset {
  bytes: Buffer;
  mime: BrandImageMime;
  sha256: string;
}

/**
 * A brand image of this storefront by its file name, or null: a name that is not a brand asset's, a file this
 * storefront does not have (another storefront's included), or bytes that no longer match their hash.
 */
export async function readBrandAsset(storefront: BrandAssetStorefront, file: string): Promise<BrandAsset | null> {
  const m = ASSET_FILE.exec(file);
  if (!m) return null;
  const bytes = await getFileStore().get(`${storefront.slug}/branding/${file}`);
  if (!bytes) return null;
  const sha256 = m[2]!;
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) return null;
  return { bytes, mime: MIME_BY_EXTENSION[m[3]!]!, sha256 };
}

/** The response headers of a brand image: cached for a year (the URL changes with the content), SVG locked down. */
export function brandAssetHeaders(asset: Pick<BrandAsset, 'mime' | 'sha256' | 'bytes'>): Record<string, string> {
  return {
    'content-type': asset.mime === 'image/svg+xml' ? 'image/svg+xml; charset=utf-8' : asset.mime,
    'content-length': String(asset.bytes.length),
    'cache-control': 'public, max-age=31536000, immutable',
    etag: `"${asset.sha256}"`,
    'x-content-type-options': 'nosniff',
    // Opened on its own, an SVG is a document: nothing in it may run or load, whatever slipped past the sanitiser.
    ...(asset.mime === 'image/svg+xml' ? { 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'" } : {}),
  };
}
