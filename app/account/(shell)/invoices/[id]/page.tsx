import { notFound } from 'next/navigation';
import { InvoiceView } from '@/components/billing/invoice-view';
import { ActionForm } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { getCreditBalance } from '@/lib/credit/credit-balance';
import { getInvoiceDetail } from '@/lib/invoices/get-invoice';
import { formatMoney } from '@/lib/money/format';
import { payWithCreditAction } from './actions';

export default async function AccountInvoicePage(props: { params: Promise<{ id: string }> }) {
  const signedIn = await requireAccountPermission('billing.view');
  const { ctx, account } = signedIn;
  const { id } = await props.params;
  if (!/^inv_[a-z0-9]{1,40}$/.test(id)) notFound();
  const detail = await getInvoiceDetail(ctx.db, { publicId: id, customerId: account.id, excludeDrafts: true });
  if (!detail) notFound();
  const { invoice } = detail;
  const balance = invoice.totalMinor - invoice.paidMinor;
  const credit = invoice.status === 'unpaid' ? await getCreditBalance(ctx.db, account.id, invoice.currency) : 0;
  const money = (m: number) => formatMoney(m, invoice.currency, detail.locale);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoice {invoice.number}</h1>
      <a href={`/invoices/${id}/pdf`} className="inline-block text-sm font-medium text-[var(--brand)] underline">
        Download PDF
      </a>
      {invoice.status === 'unpaid' && accountAllows(signedIn, 'billing.pay') ? (
        <Card title={`Pay ${money(balance)}`}>
          {credit > 0 ? (
            <ActionForm action={payWithCreditAction} submitLabel={credit >= balance ? `Pay ${money(balance)} from account credit` : `Apply ${money(credit)} of account credit`}>
              <input type="hidden" name="invoiceId" value={invoice.publicId} />
              <p className="w-full text-sm text-slate-600">Your account credit: {money(credit)}.</p>
            </ActionForm>
          ) : (
            <p className="text-sm text-slate-700">
              You have no account credit in {invoice.currency}. Card and PayPal payments are not available on this storefront yet; contact us to pay by
              bank transfer or to add account credit.
            </p>
          )}
        </Card>
      ) : null}
      <InvoiceView detail={detail} />
    </div>
  );
}
