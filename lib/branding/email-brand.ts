import type { Storefront } from '@/db/schema/central';
import type { EmailBrand } from '@/emails/types';
import type { SfDb } from '@/lib/db/connection';
import { areaUrl } from '@/lib/tenancy/area-url';
import { getStorefrontBrand } from './storefront-brand';

export type EmailBrandStorefront = Pick<Storefront, 'id' | 'slug' | 'name' | 'brandColor'>;

export interface StorefrontEmailIdentity {
  brand: EmailBrand;
  /** The From address (display name: brand.name); null: the platform's MAIL_FROM address. */
  fromAddress: string | null;
  /** Replies go to the storefront's support address when it has one. */
  replyTo: string | null;
}

/**
 * How the storefront's emails look and whom they come from. The logo is linked on the storefront's own marketing
 * host (the PNG or JPEG copy: mail clients do not show SVG); without a hostname for it the header shows the name.
 */
export async function getEmailIdentity(db: SfDb, storefront: EmailBrandStorefront): Promise<StorefrontEmailIdentity> {
  const brand = await getStorefrontBrand(db, storefront);
  let logoUrl: string | null = null;
  if (brand.rasterLogo) logoUrl = await areaUrl(storefront.id, 'marketing', brand.rasterLogo.path).catch(() => null);
  return {
    brand: {
      name: brand.name,
      brandColor: brand.primaryColor,
      logoUrl,
      supportEmail: brand.supportEmail,
      footerText: brand.footerText,
      legalLinks: brand.legalLinks,
    },
    fromAddress: brand.mailFromAddress,
    replyTo: brand.supportEmail,
  };
}
