import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { TextField } from '@/components/ui/form-fields';
import { minorToInput } from '@/lib/money/parse-money';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { refundableOfMassCharges } from '@/lib/payments/allocations';
import { listDisputes, type DisputeListRow } from '@/lib/payments/disputes/list-disputes';
import { listTransactions, refundableByCharge } from '@/lib/payments/list-transactions';
import { gatewayDefinition } from '@/lib/payments/registry';
import { requireStaffAccess } from '@/lib/staff/require-staff-permission';
import { DisputeTable } from '../../payments/disputes/dispute-table';
import { TransactionTable } from '../../payments/transaction-table';
import { refundGatewayPaymentAction } from './payment-actions';

/** This invoice's Stripe and PayPal attempts; staff with billing.manage refund a succeeded charge from here. */
export async function GatewayPaymentsCard({ detail }: { detail: InvoiceDetail }) {
  const access = await requireStaffAccess();
  const { invoice } = detail;
  const [rows, disputes, currencies] = await Promise.all([
    listTransactions(access.ctx.db, { invoiceId: invoice.id, limit: null }),
    listDisputes(access.ctx.db, { invoiceId: invoice.id, limit: null }),
    requestCurrencyBook(),
  ]);
  if (rows.length === 0 && disputes.length === 0 && !invoice.disputedAt) return null;
  const canRefund = access.permissions.includes('billing.manage');
  // Refunds to credit draw on the same balance as the charges, so no charge can give back more than the invoice has
  // left; a mass payment (several invoices in one charge) no more than its invoices have left of it together.
  const invoiceLeft = invoice.paidMinor - invoice.refundedMinor;
  const mass = await refundableOfMassCharges(access.ctx.db, rows.filter((r) => r.kind === 'charge' && r.status === 'succeeded').map((r) => r.id));
  const refundable = new Map([...refundableByCharge(rows)].map(([id, left]) => [id, Math.min(left, mass.get(id) ?? invoiceLeft)]));
  const charges = rows.filter((r) => (refundable.get(r.id) ?? 0) > 0);
  return (
    <Card title="Gateway payments">
      <div className="space-y-4">
        {invoice.disputedAt || disputes.length ? <DisputeNotice disputes={disputes} /> : null}
        {rows.length ? <TransactionTable rows={rows} currencies={currencies} showInvoice={false} /> : <p className="text-sm text-slate-500">No gateway payments on this invoice.</p>}
        {canRefund
          ? charges.map((c) => {
              const left = refundable.get(c.id)!;
              const digits = currencies.digits(c.currency);
              return (
                <details key={c.publicId} className="border-t pt-3 text-sm">
                  <summary className="cursor-pointer font-semibold">
                    Refund {currencies.format(c.amountMinor, c.currency, c.locale)} {gatewayDefinition(c.gateway)?.names.payment ?? c.gateway} payment of {c.createdAt.toISOString().slice(0, 10)} ({currencies.format(left, c.currency, c.locale)} refundable)
                    {mass.has(c.id) ? <span className="block font-normal text-slate-600">One payment for several invoices: a refund goes back to the newest invoice first.</span> : null}
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

/** The invoice's disputes, each with its state and, while open, the evidence deadline. */
export function DisputeNotice({ disputes }: { disputes: DisputeListRow[] }) {
  const now = new Date();
  const open = disputes.filter((d) => d.status !== 'closed');
  const lost = disputes.filter((d) => d.outcome === 'lost');
  return (
    <div role="alert" className="space-y-2 rounded border border-red-300 bg-red-50 p-3 text-sm text-red-900">
      <p>
        <DisputedBadge />
        {open.length
          ? " The customer disputed a payment of this invoice with their bank or PayPal. Answer it in the gateway's dashboard before the deadline; a refund now may not stop the chargeback."
          : lost.length
            ? ' A dispute of this invoice was lost: what the bank took back is due again, and saved cards are not charged for it automatically.'
            : ' The customer disputed a payment of this invoice.'}
      </p>
      {disputes.length ? <DisputeTable rows={disputes} now={now} showInvoice={false} /> : null}
    </div>
  );
}

export function DisputedBadge() {
  return <span className="mr-1 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold uppercase tracking-wide text-white">Disputed</span>;
}
