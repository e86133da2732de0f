import { notFound } from 'next/navigation';
import { CreditNoteView } from '@/components/billing/credit-note-view';
import { requireAccountPermission } from '@/lib/auth/request-session';
import { getCreditNoteDetail } from '@/lib/credit-notes/get-credit-note';

export default async function AccountCreditNotePage(props: { params: Promise<{ id: string }> }) {
  const { ctx, account } = await requireAccountPermission('billing.view');
  const { id } = await props.params;
  // Scoped to the account: another customer's note is not found, like one that does not exist.
  const detail = await getCreditNoteDetail(ctx.db, { publicId: id, customerId: account.id });
  if (!detail) notFound();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Credit note {detail.creditNote.number}</h1>
      <a href={`/credit-notes/${id}/pdf`} className="inline-block text-sm font-medium text-[var(--brand)] underline">
        Download PDF
      </a>
      <CreditNoteView detail={detail} />
    </div>
  );
}
