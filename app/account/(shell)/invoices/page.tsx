import { CreditNoteTable } from '@/components/billing/credit-note-table';
import { InvoiceTable } from '@/components/billing/invoice-table';
import { MassPayForm } from '@/components/billing/mass-pay-form';
import { PaymentNotice } from '@/components/billing/payment-notice';
import { Card } from '@/components/ui/area-shell';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { listCreditBalances } from '@/lib/credit/credit-balance';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { invoicesOfCharge } from '@/lib/payments/allocations';
import { findCustomerCharge } from '@/lib/payments/find-invoice-attempt';
import { gatewayNames } from '@/lib/payments/registry';
import { availableGateways } from '@/lib/payments/resolve-gateway';
import { payInvoicesWithCreditAction } from '../credit/actions';
import { listInvoices } from '@/lib/invoices/get-invoice';
import { listCreditNotes } from '@/lib/credit-notes/list-credit-notes';
import { attemptNotice, type Notice } from './[id]/payment-attempts';
import { payInvoicesWithGatewayAction } from './actions';

type Search = { cancelled?: string | string[]; payment?: string | string[] };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export default async function AccountInvoicesPage(props: { searchParams: Promise<Search> }) {
  const signedIn = await requireAccountPermission('billing.view');
  const { ctx, account } = signedIn;
  const search = await props.searchParams;
  const [rows, creditNotes] = await Promise.all([listInvoices(ctx.db, { customerId: account.id, excludeDrafts: true }), listCreditNotes(ctx.db, { customerId: account.id })]);
  const unpaid = rows.filter((r) => r.status === 'unpaid' && r.totalMinor > r.paidMinor).reverse();
  const mayPay = accountAllows(signedIn, 'billing.pay') && unpaid.length > 0;
  const [credit, gateways, returned, cancelled] = await Promise.all([
    listCreditBalances(ctx.db, account.id),
    mayPay ? availableGateways(ctx.db, ctx.storefront) : [],
    findCustomerCharge(ctx.db, { attemptId: one(search.payment), customerId: account.id }),
    findCustomerCharge(ctx.db, { attemptId: one(search.cancelled), customerId: account.id }),
  ]);
  const creditUsable = unpaid.some((u) => credit.some((c) => c.currency === u.currency && c.balanceMinor > 0));

  const notices: Notice[] = [];
  if (returned) {
    notices.push(attemptNotice(returned));
    // Shares an invoice no longer needed (paid meanwhile) went to credit: say so rather than leave it unexplained.
    const moved = returned.status === 'succeeded' ? (await invoicesOfCharge(ctx.db, returned.id)).filter((i) => i.appliedMinor !== null && i.appliedMinor < i.amountMinor) : [];
    for (const i of moved) {
      notices.push({ tone: 'info', text: `Invoice ${i.number ?? i.publicId} was already settled, so ${(await requestCurrencyBook()).format(i.amountMinor - i.appliedMinor!, returned.currency)} of this payment went to your account credit.` });
    }
  } else if (one(search.payment)) notices.push({ tone: 'error', text: 'We could not find that payment.' });
  if (cancelled && cancelled.status !== 'succeeded') notices.push({ tone: 'info', text: 'Payment cancelled — nothing was charged.' });

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoices</h1>
      {notices.map((n) => (
        <PaymentNotice key={n.text} tone={n.tone} text={n.text} />
      ))}
      <Card title={rows.length ? `${rows.length} invoice(s)` : 'No invoices yet'}>
        {rows.length ? <InvoiceTable rows={rows} /> : <p className="text-sm text-slate-600">Invoices appear here when you place an order.</p>}
      </Card>
      {creditNotes.length ? (
        <Card title={`${creditNotes.length} credit note(s)`}>
          <CreditNoteTable rows={creditNotes} />
        </Card>
      ) : null}
      {mayPay && (gateways.length || creditUsable) ? (
        <Card title="Pay several invoices at once">
          <MassPayForm
            invoices={unpaid.map((r) => ({ publicId: r.publicId, number: r.number ?? r.publicId, dueOn: r.dueOn, currency: r.currency, locale: r.locale, minorDigits: r.minorDigits, balanceMinor: r.totalMinor - r.paidMinor }))}
            gateways={gateways.map((id) => ({ id, label: gatewayNames(id).payButton }))}
            gatewayAction={payInvoicesWithGatewayAction}
            creditAction={creditUsable ? payInvoicesWithCreditAction : null}
            maySave={accountAllows(signedIn, 'payment_methods.manage')}
          />
        </Card>
      ) : null}
    </div>
  );
}
