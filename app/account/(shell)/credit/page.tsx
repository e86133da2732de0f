import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { accountAllows, requireAccountPermission } from '@/lib/auth/request-session';
import { listEnabledCurrencies } from '@/lib/catalog/public/list-enabled-currencies';
import { listCreditBalances } from '@/lib/credit/credit-balance';
import { CREDIT_KIND_LABELS, listCreditLedger } from '@/lib/credit/list-credit-ledger';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { getBillingSettings } from '@/lib/settings/billing-settings';
import { addFundsAction } from './actions';

export default async function CreditPage() {
  const signedIn = await requireAccountPermission('billing.view');
  const { ctx, account } = signedIn;
  const [balances, ledger, enabled, billing, currencies] = await Promise.all([listCreditBalances(ctx.db, account.id), listCreditLedger(ctx.db, account.id, 50), listEnabledCurrencies(ctx.db), getBillingSettings(ctx.db), requestCurrencyBook()]);
  const money = (m: number, code: string) => currencies.format(m, code);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Account credit</h1>
      <Card title="Balance">
        {balances.length ? (
          <ul className="text-sm" data-testid="credit-balances">
            {balances.map((b) => (
              <li key={b.currency}>{money(b.balanceMinor, b.currency)}</li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-slate-600">No credit yet. Credit pays invoices automatically when they are issued.</p>
        )}
      </Card>
      {accountAllows(signedIn, 'billing.pay') ? (
        <Card title="Add funds">
          <ActionForm action={addFundsAction} submitLabel="Create invoice" className="flex flex-wrap items-end gap-3">
            <label className="block text-sm">
              <span className="block font-medium">Currency</span>
              <select name="currency" defaultValue={account.currency} className="mt-1 rounded border border-slate-300 px-3 py-2">
                {enabled.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code}
                  </option>
                ))}
              </select>
            </label>
            <Field name="amount" label="Amount" maxLength={20} className="block w-40 text-sm" />
            <p className="w-full text-xs text-slate-500">
              From {money(billing.addFundsMinMinor, account.currency)} to {money(billing.addFundsMaxMinor, account.currency)}. Paying the invoice adds the amount to your credit.
            </p>
          </ActionForm>
        </Card>
      ) : null}
      <Card title="History">
        {ledger.length ? (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left text-slate-500">
                <th className="py-2 font-medium">Date</th>
                <th className="py-2 font-medium">What</th>
                <th className="py-2 font-medium">Note</th>
                <th className="py-2 text-right font-medium">Amount</th>
              </tr>
            </thead>
            <tbody>
              {ledger.map((e) => (
                <tr key={e.id} className="border-b last:border-0">
                  <td className="py-2">{e.createdAt.toISOString().slice(0, 10)}</td>
                  <td className="py-2">{CREDIT_KIND_LABELS[e.kind]}</td>
                  <td className="py-2 text-slate-600">{e.note ?? ''}</td>
                  <td className="py-2 text-right">{money(e.amountMinor, e.currency)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">Nothing yet.</p>
        )}
      </Card>
    </div>
  );
}
