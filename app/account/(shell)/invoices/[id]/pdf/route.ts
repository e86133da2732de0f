import { accountAllows, getSignedInCustomer } from '@/lib/auth/request-session';
import { getInvoiceDetail } from '@/lib/invoices/get-invoice';
import { getInvoiceDocumentExtras } from '@/lib/invoices/invoice-document-extras';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';
import { invoicePdfResponse } from '@/lib/invoices/render-invoice-pdf';

export const dynamic = 'force-dynamic';

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

// Same rules as the invoice page, answered as plain statuses: a download link has no page to redirect within.
export async function GET(_req: Request, props: { params: Promise<{ id: string }> }) {
  const signedIn = await getSignedInCustomer();
  if (!signedIn) return plain(401, 'Sign in to download this invoice.');
  if (!accountAllows(signedIn, 'billing.view')) return plain(403, "You don't have permission to view invoices on this account.");
  const { id } = await props.params;
  if (!/^inv_[a-z0-9]{1,40}$/.test(id)) return plain(404, 'Invoice not found.');
  const { ctx, account } = signedIn;
  const detail = await getInvoiceDetail(ctx.db, { publicId: id, customerId: account.id, excludeDrafts: true });
  if (!detail) return plain(404, 'Invoice not found.');
  const [brand, extras] = await Promise.all([getInvoicePdfBrand(ctx.db, ctx.storefront), getInvoiceDocumentExtras(ctx.db, ctx.storefront.id, detail.invoice)]);
  return invoicePdfResponse(detail, brand, extras);
}
