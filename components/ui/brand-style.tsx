import { headers } from 'next/headers';
import type { StorefrontBrand } from '@/lib/branding/storefront-brand';
import { DEFAULT_BRAND_COLOR } from '@/lib/branding/default-brand-color';

const HEX = /^#[0-9a-fA-F]{6}$/;
const safe = (color: string, fallback: string) => (HEX.test(color) ? color : fallback);

/** Sets the storefront's colours for everything below it: var(--brand) for primary, var(--accent) for accents. */
export async function BrandStyle({ brand }: { brand: Pick<StorefrontBrand, 'primaryColor' | 'accentColor'> }) {
  const primary = safe(brand.primaryColor, DEFAULT_BRAND_COLOR);
  const accent = safe(brand.accentColor, primary);
  // Inline styles must carry the request's CSP nonce.
  const nonce = (await headers()).get('x-nonce') ?? undefined;
  return <style nonce={nonce}>{`:root{--brand:${primary};--accent:${accent}}`}</style>;
}
