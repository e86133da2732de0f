import type { InvoiceDetail } from '@/lib/invoices/get-invoice';
import { formatMoney } from '@/lib/money/format';
import { REVERSE_CHARGE_NOTE } from '@/lib/pricing/price-order';
import { summariseTax } from '@/lib/pricing/summarise-tax';
import { formatTaxRate, taxTotalLabel } from '@/lib/tax/format-tax-rate';

const STATUS_STYLE: Record<string, string> = {
  paid: 'bg-green-100 text-green-800',
  unpaid: 'bg-amber-100 text-amber-800',
  void: 'bg-slate-200 text-slate-700',
  draft: 'bg-slate-100 text-slate-700',
  refunded: 'bg-slate-200 text-slate-700',
  partially_refunded: 'bg-slate-200 text-slate-700',
};

/** The invoice as both areas show it: parties, lines with the tax frozen on each, totals and payments. */
export function InvoiceView({ detail }: { detail: InvoiceDetail }) {
  const { invoice, lines, payments } = detail;
  const money = (m: number) => formatMoney(m, invoice.currency, detail.locale, detail.minorDigits);
  const taxTotals = summariseTax(lines)
    .filter((t) => t.basis === 'standard')
    .map((t) => ({ label: taxTotalLabel(t), taxMinor: t.taxMinor }));
  const balance = invoice.totalMinor - invoice.paidMinor;
  return (
    <article className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-xl font-semibold">Invoice {invoice.number ?? '(draft)'}</h2>
          <p className="text-sm text-slate-600">
            Issued {invoice.issuedAt?.toISOString().slice(0, 10) ?? '–'} · due {invoice.dueOn ?? '–'}
          </p>
        </div>
        <span data-testid="invoice-status" className={`rounded px-2 py-1 text-sm font-medium ${STATUS_STYLE[invoice.status] ?? ''}`}>
          {invoice.status.replace('_', ' ')}
        </span>
      </header>
      <div className="grid gap-4 text-sm sm:grid-cols-2">
        {[
          ['From', invoice.seller],
          ['To', invoice.buyer],
        ].map(([title, party]) => {
          const p = party as typeof invoice.buyer;
          return (
            <div key={title as string}>
              <h3 className="font-medium text-slate-500">{title as string}</h3>
              <p>{p.company ?? p.name}</p>
              {p.company ? <p>{p.name}</p> : null}
              {p.addressLines.map((l) => (
                <p key={l}>{l}</p>
              ))}
              <p>{p.country}</p>
              {p.taxId ? <p>Tax ID {p.taxId}</p> : null}
            </div>
          );
        })}
      </div>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="py-2 font-medium">Description</th>
            <th className="py-2 font-medium">Tax</th>
            <th className="py-2 text-right font-medium">Amount</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className="border-b last:border-0">
              <td className="py-2">{l.description}</td>
              <td className="py-2 text-slate-600">{l.tax.basis === 'standard' ? formatTaxRate(l.tax.rateMilliPercent) : l.tax.basis === 'reverse_charge' ? 'RC' : '–'}</td>
              <td className="py-2 text-right">{money(l.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="ml-auto max-w-xs space-y-1 text-sm">
        <div className="flex justify-between">
          <dt>Subtotal</dt>
          <dd>{money(invoice.subtotalMinor)}</dd>
        </div>
        {taxTotals.map((t) => (
          <div key={t.label} className="flex justify-between">
            <dt>{t.label}</dt>
            <dd>{money(t.taxMinor)}</dd>
          </div>
        ))}
        <div className="flex justify-between font-semibold">
          <dt>Total</dt>
          <dd data-testid="invoice-total">{money(invoice.totalMinor)}</dd>
        </div>
        {payments.map((p) => (
          <div key={p.id} className="flex justify-between text-slate-600">
            <dt>
              Paid ({p.method.replace('_', ' ')}) {p.createdAt.toISOString().slice(0, 10)}
            </dt>
            <dd>−{money(p.amountMinor)}</dd>
          </div>
        ))}
        <div className="flex justify-between border-t pt-1 font-semibold">
          <dt>Balance due</dt>
          <dd data-testid="invoice-balance">{money(invoice.status === 'void' ? 0 : balance)}</dd>
        </div>
      </dl>
      {invoice.reverseCharge ? <p className="text-xs text-slate-600">{REVERSE_CHARGE_NOTE}</p> : null}
    </article>
  );
}
