import type { SfDb } from '@/lib/db/connection';
import { getStorefrontBrand, type BrandStorefront } from '@/lib/branding/storefront-brand';
import { getFileStore } from '@/lib/storage/registry';
import type { InvoicePdfBrand } from './render-invoice-pdf';

/**
 * What a billing document's PDF shows of its storefront: the brand name and primary colour, and the logo as a data:
 * URL (react-pdf draws PNG and JPEG only, so an SVG logo comes as its PNG copy, or the name alone when it has none).
 * A logo missing from storage leaves the PDF with the name rather than failing it.
 */
export async function getInvoicePdfBrand(db: SfDb, storefront: BrandStorefront): Promise<InvoicePdfBrand> {
  const brand = await getStorefrontBrand(db, storefront);
  let logoUrl: string | null = null;
  if (brand.rasterLogo) {
    try {
      const bytes = await getFileStore().get(brand.rasterLogo.key);
      if (bytes) logoUrl = `data:${brand.rasterLogo.mime};base64,${bytes.toString('base64')}`;
    } catch (err) {
      console.error(`Could not read the logo ${brand.rasterLogo.key} for a PDF:`, err);
    }
  }
  return { name: brand.name, brandColor: brand.primaryColor, logoUrl };
}
