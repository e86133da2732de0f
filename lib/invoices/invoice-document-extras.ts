import type { Invoice } from '@/db/schema/storefront';
import type { SfDb } from '@/lib/db/connection';
import { getCommerceSettings } from '@/lib/settings/commerce-settings';
import { getPaymentSettings } from '@/lib/settings/payment-settings';
import { areaUrl } from '@/lib/tenancy/area-url';
import type { InvoiceDocumentExtras } from './billing-document';

/**
 * What an invoice shows from the storefront's settings as they are now, not frozen with it: where to pay it online
 * (its customer-area page), the bank account when bank transfer is enabled, and the footer. Payment details follow
 * the settings so an old invoice never sends money to an account that was closed since.
 */
export async function getInvoiceDocumentExtras(db: SfDb, storefrontId: number, invoice: Pick<Invoice, 'publicId'>): Promise<InvoiceDocumentExtras> {
  const [payments, commerce, payUrl] = await Promise.all([getPaymentSettings(db), getCommerceSettings(db), areaUrl(storefrontId, 'account', `/invoices/${invoice.publicId}`)]);
  return { payUrl, bankInstructions: payments.bankTransfer.enabled ? payments.bankTransfer.instructions : null, footer: commerce.invoiceFooter };
}
