import { getCreditNoteDetail } from '@/lib/credit-notes/get-credit-note';
import { creditNotePdfResponse } from '@/lib/credit-notes/render-credit-note-pdf';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';
import { forbiddenJson, requireStaffPermission } from '@/lib/staff/require-staff-permission';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, props: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return forbiddenJson(access.message);
  const { id } = await props.params;
  const detail = await getCreditNoteDetail(access.ctx.db, { publicId: id });
  if (!detail) return new Response('Credit note not found.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  return creditNotePdfResponse(detail, await getInvoicePdfBrand(access.ctx.db, access.ctx.storefront));
}
