import type { Storefront } from '@/db/schema/central';
import type { SfDb } from '@/lib/db/connection';
import { getBrandingSettings } from '@/lib/settings/branding-settings';
import type { InvoicePdfBrand } from './render-invoice-pdf';

/** What an invoice PDF shows of its storefront: the name and colour from the central row, the logo from its settings. */
export async function getInvoicePdfBrand(db: SfDb, storefront: Pick<Storefront, 'name' | 'brandColor'>): Promise<InvoicePdfBrand> {
  const { logo } = await getBrandingSettings(db);
  return { name: storefront.name, brandColor: storefront.brandColor, logoUrl: logo?.dataUrl ?? null };
}
