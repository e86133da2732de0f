import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { CheckboxField, FormErrors, TextField } from '@/components/ui/form-fields';
import { minorToInput } from '@/lib/money/parse-money';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { isTaxableLine } from '@/lib/invoices/manual-invoice';
import { lineFieldName, MANUAL_DUE_DAYS_MAX, MANUAL_EDITOR_ROWS } from '@/lib/invoices/manual-invoice-schemas';
import { requireStaffAccess } from '@/lib/staff/require-staff-permission';
import { shownLineAmount } from '@/lib/pricing/shown-line-amount';
import { deleteDraftAction, issueDraftAction, resendInvoiceAction, saveDraftLinesAction } from './draft-actions';

/** Staff (billing.manage): edit, issue or delete a draft; resend the email of an issued unpaid or paid invoice. */
export async function DraftInvoiceCard({ detail }: { detail: InvoiceDetail }) {
  const access = await requireStaffAccess();
  const { invoice, lines } = detail;
  if (!access.permissions.includes('billing.manage')) return null;
  if (invoice.status === 'unpaid' || invoice.status === 'paid') {
    return (
      <Card title="Invoice email">
        <ActionForm action={resendInvoiceAction} submitLabel="Resend email">
          <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
          <p className="w-full text-sm text-slate-600">Sends the invoice email with the PDF to {detail.customer.email} again.</p>
        </ActionForm>
      </Card>
    );
  }
  if (invoice.status !== 'draft') return null;
  const digits = detail.minorDigits;
  const unitOf = (l: (typeof lines)[number]) => minorToInput(shownLineAmount(l, invoice.taxInclusive) / l.quantity, digits);
  return (
    <Card title="Draft invoice">
      {lines.length > MANUAL_EDITOR_ROWS ? (
        <p className="text-sm text-slate-600">This draft has more lines than the editor shows; it can be issued or deleted here.</p>
      ) : (
        <ActionForm actionRow action={saveDraftLinesAction} submitLabel="Save lines" className="space-y-2">
          <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
          <p className="text-xs text-slate-500">
            Unit amounts in {invoice.currency}, {invoice.taxInclusive ? 'including' : 'excluding'} tax as the storefront quotes prices. Rows without a description and amount are left out.
          </p>
          <FormErrors names={[{ name: 'lines', label: 'Lines:' }]} />
          {Array.from({ length: MANUAL_EDITOR_ROWS }, (_, i) => {
            const line = lines[i];
            return (
              <div key={i} className="grid grid-cols-[1fr_6rem_9rem_auto] items-start gap-3">
                <TextField name={lineFieldName(i, 'description')} label={`Line ${i + 1} description`} srOnlyLabel defaultValue={line?.description} maxLength={255} placeholder="Description" className="block text-sm" />
                <TextField name={lineFieldName(i, 'quantity')} label={`Line ${i + 1} quantity`} srOnlyLabel defaultValue={line ? String(line.quantity) : '1'} maxLength={5} inputMode="numeric" className="block text-sm" />
                <TextField name={lineFieldName(i, 'unitAmount')} label={`Line ${i + 1} unit amount`} srOnlyLabel defaultValue={line ? unitOf(line) : ''} maxLength={30} inputMode="decimal" placeholder="0.00" className="block text-sm" />
                <div className="pt-3">
                  <CheckboxField name={lineFieldName(i, 'taxable')} label="Taxable" defaultChecked={line ? isTaxableLine(line.tax) : true} />
                </div>
              </div>
            );
          })}
        </ActionForm>
      )}
      <div className="mt-5 border-t pt-4">
        <h3 className="mb-2 text-sm font-semibold">Issue invoice</h3>
        <ActionForm actionRow action={issueDraftAction} submitLabel="Issue invoice" className="flex flex-wrap items-start gap-3">
          <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
          <TextField name="dueInDays" label="Due in days" defaultValue="14" maxLength={2} inputMode="numeric" hint={`0–${MANUAL_DUE_DAYS_MAX}; takes the next invoice number and sends the invoice email if those are on.`} className="block w-72 text-sm" />
        </ActionForm>
      </div>
      <details className="mt-5 border-t pt-4 text-sm">
        <summary className="cursor-pointer font-semibold">Delete draft</summary>
        <ActionForm actionRow danger action={deleteDraftAction} submitLabel="Delete draft" className="mt-2 space-y-3">
          <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
          <p className="text-xs text-slate-500">A draft has no number yet, so deleting it leaves no gap in the series.</p>
        </ActionForm>
      </details>
    </Card>
  );
}
