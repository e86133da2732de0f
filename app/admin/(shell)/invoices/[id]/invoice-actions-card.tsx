import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { TextArea, TextField } from '@/components/ui/form-fields';
import { minorToInput } from '@/lib/money/parse-money';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { requireStaffAccess } from '@/lib/staff/require-staff-permission';
import { recordBankPaymentAction, refundToCreditAction, voidInvoiceAction } from './actions';

/** Staff actions (billing.manage): on an unpaid invoice record a bank transfer or void it; on a paid one, refund to credit. */
export async function InvoiceActionsCard({ detail }: { detail: InvoiceDetail }) {
  const access = await requireStaffAccess();
  const { invoice } = detail;
  if (!access.permissions.includes('billing.manage')) return null;
  if (invoice.status === 'paid' || invoice.status === 'partially_refunded') {
    const refundable = invoice.paidMinor - invoice.refundedMinor;
    return (
      <Card title="Refund">
        <ActionForm actionRow action={refundToCreditAction} submitLabel="Refund to account credit" className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
          <TextField name="amount" label={`Amount (${invoice.currency})`} defaultValue={minorToInput(refundable, detail.minorDigits)} maxLength={30} inputMode="decimal" hint="At most what was paid and not yet refunded." className="block w-48 text-sm" />
          <TextField name="reason" label="Reason" maxLength={255} hint="Shown in the customer's credit history and the audit log." className="block w-72 text-sm" />
        </ActionForm>
        <p className="mt-2 text-xs text-slate-500">This credits the customer’s account; to send money back to their card or PayPal account, use Gateway payments below.</p>
      </Card>
    );
  }
  if (invoice.status !== 'unpaid') return null;
  const balance = invoice.totalMinor - invoice.paidMinor;
  return (
    <Card title="Invoice actions">
      <h3 className="mb-2 text-sm font-semibold">Mark paid by bank transfer</h3>
      <ActionForm actionRow action={recordBankPaymentAction} submitLabel="Record bank transfer" className="flex flex-wrap items-start gap-3">
        <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
        <TextField
          name="amount"
          label={`Amount (${invoice.currency})`}
          defaultValue={minorToInput(balance, detail.minorDigits)}
          maxLength={30}
          inputMode="decimal"
          hint="Defaults to the balance due; less records a part payment."
          className="block w-48 text-sm"
        />
        <TextField name="reference" label="Reference" maxLength={120} hint="Bank reference or statement line." className="block w-72 text-sm" />
      </ActionForm>
      {invoice.paidMinor === 0 ? (
        <details className="mt-5 border-t pt-4 text-sm">
          <summary className="cursor-pointer font-semibold">Void invoice</summary>
          <p className="mt-2 text-xs text-slate-500">An order’s first invoice is voided by cancelling the order: its stock and coupon uses come back.</p>
          <ActionForm actionRow danger action={voidInvoiceAction} submitLabel="Void invoice" className="mt-2 space-y-3">
            <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
            <TextArea name="reason" label="Reason" rows={2} maxLength={500} hint="Required; kept in the audit log." />
          </ActionForm>
        </details>
      ) : null}
    </Card>
  );
}
