import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { TextField } from '@/components/ui/form-fields';
import { minorToInput } from '@/lib/money/parse-money';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { listTransactions, refundableByCharge } from '@/lib/payments/list-transactions';
import { gatewayDefinition } from '@/lib/payments/registry';
import { requireStaffAccess } from '@/lib/staff/require-staff-permission';
import { TransactionTable } from '../../payments/transaction-table';
import { refundGatewayPaymentAction } from './payment-actions';

/** This invoice's Stripe and PayPal attempts; staff with billing.manage refund a succeeded charge from here. */
export async function GatewayPaymentsCard({ detail }: { detail: InvoiceDetail }) {
  const access = await requireStaffAccess();
  const { invoice } = detail;
  const [rows, currencies] = await Promise.all([listTransactions(access.ctx.db, { invoiceId: invoice.id, limit: null }), requestCurrencyBook()]);
  if (rows.length === 0 && !invoice.disputedAt) return null;
  const canRefund = access.permissions.includes('billing.manage');
  // Refunds to credit draw on the same balance as the charges, so no charge can give back more than the invoice has left.
  const invoiceLeft = invoice.paidMinor - invoice.refundedMinor;
  const refundable = new Map([...refundableByCharge(rows)].map(([id, left]) => [id, Math.min(left, invoiceLeft)]));
  const charges = rows.filter((r) => (refundable.get(r.id) ?? 0) > 0);
  return (
    <Card title="Gateway payments">
      <div className="space-y-4">
        {invoice.disputedAt ? <DisputeNotice at={invoice.disputedAt} /> : null}
        {rows.length ? <TransactionTable rows={rows} currencies={currencies} showInvoice={false} /> : <p className="text-sm text-slate-500">No gateway payments on this invoice.</p>}
        {canRefund
          ? charges.map((c) => {
              const left = refundable.get(c.id)!;
              const digits = currencies.digits(c.currency);
              return (
                <details key={c.publicId} className="border-t pt-3 text-sm">
                  <summary className="cursor-pointer font-semibold">
                    Refund {currencies.format(c.amountMinor, c.currency, c.locale)} {gatewayDefinition(c.gateway)?.names.payment ?? c.gateway} payment of {c.createdAt.toISOString().slice(0, 10)} ({currencies.format(left, c.currency, c.locale)} refundable)
                  </summary>
                  <ActionForm actionRow danger action={refundGatewayPaymentAction} submitLabel="Refund to the customer" className="mt-2 flex flex-wrap items-start gap-3">
                    <input type="hidden" name="invoicePublicId" value={invoice.publicId} />
                    <input type="hidden" name="paymentPublicId" value={c.publicId} />
                    <TextField
                      name="amount"
                      label={`Amount (${c.currency})`}
                      placeholder={minorToInput(left, digits)}
                      maxLength={30}
                      inputMode="decimal"
                      hint={`Blank: all of the ${minorToInput(left, digits)} left.`}
                      className="block w-48 text-sm"
                    />
                    <TextField name="reason" label="Reason" maxLength={255} hint="Required; sent to the gateway and kept in the audit log." className="block w-72 text-sm" />
                  </ActionForm>
                </details>
              );
            })
          : null}
      </div>
    </Card>
  );
}

export function DisputeNotice({ at }: { at: Date }) {
  return (
    <div role="alert" className="rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <DisputedBadge /> The customer disputed a payment of this invoice with their bank or PayPal on {at.toISOString().slice(0, 10)}. Answer the dispute in the gateway&apos;s dashboard; a refund now may
      not stop the chargeback.
    </div>
  );
}

export function DisputedBadge() {
  return <span className="mr-1 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">Disputed</span>;
}
