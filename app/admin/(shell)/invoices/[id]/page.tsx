import { notFound } from 'next/navigation';
import { InvoiceView } from '@/components/billing/invoice-view';
import { getInvoiceDetail } from '@/lib/invoices/get-invoice';
import { getInvoiceDocumentExtras } from '@/lib/invoices/invoice-document-extras';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { CreditNotesCard } from './credit-notes-card';
import { DraftInvoiceCard } from './draft-invoice-card';
import { DisputedBadge, GatewayPaymentsCard } from './gateway-payments-card';
import { InvoiceActionsCard } from './invoice-actions-card';

export default async function AdminInvoicePage(props: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const { id } = await props.params;
  if (!/^inv_[a-z0-9]{1,40}$/.test(id)) notFound();
  const detail = await getInvoiceDetail(access.ctx.db, { publicId: id });
  if (!detail) notFound();
  const extras = await getInvoiceDocumentExtras(access.ctx.db, access.ctx.storefront.id, detail.invoice);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">
        Invoice {detail.invoice.number} {detail.invoice.disputedAt ? <DisputedBadge /> : null}{' '}
        <span className="text-base font-normal text-slate-500">for {detail.customer.email}</span>
      </h1>
      <a href={`/invoices/${id}/pdf`} className="inline-block text-sm font-medium text-[var(--brand)] underline">
        Download PDF
      </a>
      <InvoiceActionsCard detail={detail} />
      <DraftInvoiceCard detail={detail} />
      <GatewayPaymentsCard detail={detail} />
      <CreditNotesCard detail={detail} />
      <InvoiceView detail={detail} extras={extras} />
    </div>
  );
}
