import { CreditNoteTable } from '@/components/billing/credit-note-table';
import { Card } from '@/components/ui/area-shell';
import { listCreditNotes } from '@/lib/credit-notes/list-credit-notes';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { requireStaffAccess } from '@/lib/staff/require-staff-permission';

/** The credit notes this invoice's refunds issued, each with its page and PDF; nothing until it has one. */
export async function CreditNotesCard({ detail }: { detail: InvoiceDetail }) {
  const access = await requireStaffAccess();
  const rows = await listCreditNotes(access.ctx.db, { invoiceId: detail.invoice.id });
  if (rows.length === 0) return null;
  return (
    <Card title="Credit notes">
      <CreditNoteTable rows={rows} showInvoice={false} />
    </Card>
  );
}
