import { notFound } from 'next/navigation';
import { CreditNoteView } from '@/components/billing/credit-note-view';
import { getCreditNoteDetail } from '@/lib/credit-notes/get-credit-note';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';

export default async function AdminCreditNotePage(props: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const { id } = await props.params;
  const detail = await getCreditNoteDetail(access.ctx.db, { publicId: id });
  if (!detail) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">
        Credit note {detail.creditNote.number} <span className="text-base font-normal text-slate-500">for {detail.customer.email}</span>
      </h1>
      <a href={`/credit-notes/${id}/pdf`} className="inline-block text-sm font-medium text-[var(--brand)] underline">
        Download PDF
      </a>
      <CreditNoteView detail={detail} />
    </div>
  );
}
