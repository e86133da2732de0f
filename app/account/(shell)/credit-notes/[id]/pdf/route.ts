import { accountAllows, getSignedInCustomer } from '@/lib/auth/request-session';
import { getCreditNoteDetail } from '@/lib/credit-notes/get-credit-note';
import { creditNotePdfResponse } from '@/lib/credit-notes/render-credit-note-pdf';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';

export const dynamic = 'force-dynamic';

function plain(status: number, message: string): Response {
  return new Response(message, { status, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
}

// The credit note page's rules answered as plain statuses, like the invoice PDF: a download has no page to redirect within.
export async function GET(_req: Request, props: { params: Promise<{ id: string }> }) {
  const signedIn = await getSignedInCustomer();
  if (!signedIn) return plain(401, 'Sign in to download this credit note.');
  if (!accountAllows(signedIn, 'billing.view')) return plain(403, "You don't have permission to view invoices on this account.");
  const { id } = await props.params;
  const { ctx, account } = signedIn;
  const detail = await getCreditNoteDetail(ctx.db, { publicId: id, customerId: account.id });
  if (!detail) return plain(404, 'Credit note not found.');
  return creditNotePdfResponse(detail, await getInvoicePdfBrand(ctx.db, ctx.storefront));
}
