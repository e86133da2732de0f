import { getInvoiceDetail } from '@/lib/invoices/get-invoice';
import { getInvoiceDocumentExtras } from '@/lib/invoices/invoice-document-extras';
import { getInvoicePdfBrand } from '@/lib/invoices/invoice-pdf-brand';
import { invoicePdfResponse } from '@/lib/invoices/render-invoice-pdf';
import { forbiddenJson, requireStaffPermission } from '@/lib/staff/require-staff-permission';

export const dynamic = 'force-dynamic';

export async function GET(_req: Request, props: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return forbiddenJson(access.message);
  const { id } = await props.params;
  const notFound = () => new Response('Invoice not found.', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  if (!/^inv_[a-z0-9]{1,40}$/.test(id)) return notFound();
  const detail = await getInvoiceDetail(access.ctx.db, { publicId: id });
  if (!detail) return notFound();
  const [brand, extras] = await Promise.all([getInvoicePdfBrand(access.ctx.db, access.ctx.storefront), getInvoiceDocumentExtras(access.ctx.db, access.ctx.storefront.id, detail.invoice)]);
  return invoicePdfResponse(detail, brand, extras);
}
