import { notFound } from 'next/navigation';
import { CreditNoteTable } from '@/components/billing/credit-note-table';
import { GatewayPayButtons } from '@/components/billing/gateway-pay-buttons';
import { InvoiceView } from '@/components/billing/invoice-view';
import { PaymentAttemptsTable } from '@/components/billing/payment-attempts-table';
import { PaymentNotice } from '@/components/billing/payment-notice';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { listCreditNotes } from '@/lib/credit-notes/list-credit-notes';
import { getInvoiceDetail } from '@/lib/invoices/get-invoice';
import { getInvoiceDocumentExtras } from '@/lib/invoices/invoice-document-extras';
import { formatMoney } from '@/lib/money/format';
import { GATEWAY_CUSTOMER_NAMES, GATEWAY_PAYMENT_NAMES, gatewayNames } from '@/lib/payments/registry';
import { availableGateways } from '@/lib/payments/resolve-gateway';
import { payWithCreditAction, payWithGatewayAction } from './actions';
import { findInvoiceAttempt } from '@/lib/payments/find-invoice-attempt';
import { listInvoiceAttempts } from '@/lib/payments/list-invoice-attempts';
import { attemptNotice, type Notice } from './payment-attempts';

type Search = { cancelled?: string | string[]; payment?: string | string[] };

const one = (v: string | string[] | undefined) => (typeof v === 'string' ? v : undefined);

export default async function AccountInvoicePage(props: { params: Promise<{ id: string }>; searchParams: Promise<Search> }) {
  const signedIn = await requireAccountPermission('billing.view');
  const { ctx, account } = signedIn;
  const { id } = await props.params;
  if (!/^inv_[a-z0-9]{1,40}$/.test(id)) notFound();
  const detail = await getInvoiceDetail(ctx.db, { publicId: id, customerId: account.id, excludeDrafts: true });
  if (!detail) notFound();
  const { invoice } = detail;
  const search = await props.searchParams;
  const balance = invoice.totalMinor - invoice.paidMinor;
  const payable = invoice.status === 'unpaid' && accountAllows(signedIn, 'billing.pay');
  const [credit, gateways, extras, attempts, returned, cancelled, creditNotes] = await Promise.all([
    payable ? getCreditBalance(ctx.db, account.id, invoice.currency) : 0,
    payable ? availableGateways(ctx.db, ctx.storefront) : [],
    getInvoiceDocumentExtras(ctx.db, ctx.storefront.id, invoice),
    listInvoiceAttempts(ctx.db, { invoiceId: invoice.id }),
    findInvoiceAttempt(ctx.db, { attemptId: one(search.payment), invoiceId: invoice.id, customerId: account.id }),
    findInvoiceAttempt(ctx.db, { attemptId: one(search.cancelled), invoiceId: invoice.id, customerId: account.id }),
    listCreditNotes(ctx.db, { invoiceId: invoice.id, customerId: account.id }),
  ]);
  const money = (m: number) => formatMoney(m, invoice.currency, detail.locale, detail.minorDigits);
  const bank = invoice.status === 'unpaid' && extras.bankInstructions !== null;

  const notices: Notice[] = [];
  if (returned) notices.push(attemptNotice(returned));
  else if (one(search.payment)) notices.push({ tone: 'error', text: 'We could not find that payment on this invoice.' });
  // The gateway's cancel link can be replayed after a later payment went through: never claim nothing was charged then.
  if (cancelled && cancelled.status !== 'succeeded') notices.push({ tone: 'info', text: 'Payment cancelled — nothing was charged.' });

  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoice {invoice.number}</h1>
      {notices.map((n) => (
        <PaymentNotice key={n.text} tone={n.tone} text={n.text} />
      ))}
      <a href={`/invoices/${id}/pdf`} className="inline-block text-sm font-medium text-[var(--brand)] underline">
        Download PDF
      </a>
      {payable ? (
        <Card title={`Pay this invoice: ${money(balance)}`}>
          <div className="space-y-5">
            {gateways.length ? <GatewayPayButtons action={payWithGatewayAction} invoicePublicId={invoice.publicId} gateways={gateways.map((id) => ({ id, label: gatewayNames(id).payButton }))} maySave={accountAllows(signedIn, 'payment_methods.manage')} /> : null}
            {credit > 0 ? (
              <ActionForm action={payWithCreditAction} submitLabel={credit >= balance ? `Pay ${money(balance)} from account credit` : `Apply ${money(credit)} of account credit`}>
                <input type="hidden" name="invoiceId" value={invoice.publicId} />
                <p className="w-full text-sm text-slate-600">Your account credit: {money(credit)}.</p>
              </ActionForm>
            ) : null}
            {!gateways.length && credit <= 0 && !bank ? (
              <p className="text-sm text-slate-700">
                You have no account credit in {invoice.currency}, and {GATEWAY_PAYMENT_NAMES.all} payments are not available on this store at the moment. Please contact us to arrange payment.
              </p>
            ) : null}
          </div>
        </Card>
      ) : null}
      {attempts.length ? (
        <Card title={`${GATEWAY_CUSTOMER_NAMES} payments`}>
          <PaymentAttemptsTable rows={attempts} locale={detail.locale} minorDigits={detail.minorDigits} />
        </Card>
      ) : null}
      {creditNotes.length ? (
        <Card title="Credit notes for this invoice">
          <CreditNoteTable rows={creditNotes} showInvoice={false} />
        </Card>
      ) : null}
      {/* The bank details and the reference are on the invoice itself, as its PDF prints them. */}
      <InvoiceView detail={detail} extras={extras} />
    </div>
  );
}
