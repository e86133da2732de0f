import { InvoiceTable } from '@/components/billing/invoice-table';
import { Card } from '@/components/ui/area-shell';
import { ActionForm } from '@/components/ui/action-form';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { listCreditBalances } from '@/lib/credit/credit-balance';
import { formatMoney } from '@/lib/money/format';
import { payInvoicesWithCreditAction } from '../credit/actions';
import { listInvoices } from '@/lib/invoices/get-invoice';

export default async function AccountInvoicesPage() {
  const signedIn = await requireAccountPermission('billing.view');
  const { ctx, account } = signedIn;
  const rows = await listInvoices(ctx.db, { customerId: account.id, excludeDrafts: true });
  const unpaid = rows.filter((r) => r.status === 'unpaid').reverse();
  const credit = await listCreditBalances(ctx.db, account.id);
  const canPay = accountAllows(signedIn, 'billing.pay') && unpaid.some((u) => credit.some((c) => c.currency === u.currency && c.balanceMinor > 0));
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoices</h1>
      <Card title={rows.length ? `${rows.length} invoice(s)` : 'No invoices yet'}>
        {rows.length ? <InvoiceTable rows={rows} /> : <p className="text-sm text-slate-600">Invoices appear here when you place an order.</p>}
      </Card>
      {canPay ? (
        <Card title="Pay several invoices from account credit">
          <ActionForm action={payInvoicesWithCreditAction} submitLabel="Pay selected from credit" className="space-y-2">
            {unpaid.map((r) => (
              <label key={r.publicId} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="invoice" value={r.publicId} defaultChecked /> {r.number} · due {r.dueOn} · {formatMoney(r.totalMinor - r.paidMinor, r.currency, r.locale, r.minorDigits)}
              </label>
            ))}
          </ActionForm>
        </Card>
      ) : null}
    </div>
  );
}
