import Link from 'next/link';
import type { CreditNoteDetail } from '@/lib/credit-notes/get-credit-note';
import { formatMoney } from '@/lib/money/format';
import { REVERSE_CHARGE_NOTE } from '@/lib/pricing/price-order';
import { summariseTax } from '@/lib/pricing/summarise-tax';
import { formatTaxRate, taxTotalLabel } from '@/lib/tax/format-tax-rate';

/** A credit note as both areas show it, laid out like the invoice it credits (components/billing/invoice-view.tsx). */
export function CreditNoteView({ detail }: { detail: CreditNoteDetail }) {
  const { creditNote: note, lines, invoice } = detail;
  const money = (m: number) => formatMoney(m, note.currency, detail.locale, detail.minorDigits);
  const taxTotals = summariseTax(lines)
    .filter((t) => t.basis === 'standard')
    .map((t) => ({ label: taxTotalLabel(t), taxMinor: t.taxMinor }));
  return (
    <article className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <header>
        <h2 className="text-xl font-semibold">Credit note {note.number}</h2>
        <p className="text-sm text-slate-600">
          Credit note for invoice{' '}
          <Link href={`/invoices/${invoice.publicId}`} className="text-[var(--brand)] underline">
            {invoice.number ?? invoice.publicId}
          </Link>{' '}
          · issued {note.issuedAt.toISOString().slice(0, 10)}
        </p>
      </header>
      <div className="grid gap-4 text-sm sm:grid-cols-2">
        {(
          [
            ['From', note.seller],
            ['To', note.buyer],
          ] as const
        ).map(([title, p]) => (
          <div key={title}>
            <h3 className="font-medium text-slate-500">{title}</h3>
            <p>{p.company ?? p.name}</p>
            {p.company ? <p>{p.name}</p> : null}
            {p.addressLines.map((l) => (
              <p key={l}>{l}</p>
            ))}
            <p>{p.country}</p>
            {p.taxId ? <p>Tax ID {p.taxId}</p> : null}
          </div>
        ))}
      </div>
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="py-2 font-medium">Description</th>
            <th className="py-2 font-medium">Tax</th>
            <th className="py-2 text-right font-medium">Credited</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.id} className="border-b last:border-0">
              <td className="py-2">
                {l.description}
                {l.periodStart && l.periodEnd ? (
                  <span className="block text-xs text-slate-500">
                    {l.periodStart} to {l.periodEnd}
                  </span>
                ) : null}
              </td>
              <td className="py-2 text-slate-600">{l.tax.basis === 'standard' ? formatTaxRate(l.tax.rateMilliPercent) : l.tax.basis === 'reverse_charge' ? 'RC' : '–'}</td>
              <td className="py-2 text-right">{money(l.amountMinor)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="ml-auto max-w-xs space-y-1 text-sm">
        <div className="flex justify-between">
          <dt>Subtotal</dt>
          <dd>{money(note.subtotalMinor)}</dd>
        </div>
        {taxTotals.map((t) => (
          <div key={t.label} className="flex justify-between">
            <dt>{t.label}</dt>
            <dd>{money(t.taxMinor)}</dd>
          </div>
        ))}
        <div className="flex justify-between border-t pt-1 font-semibold">
          <dt>Total credited</dt>
          <dd data-testid="credit-note-total">{money(note.totalMinor)}</dd>
        </div>
      </dl>
      <p className="text-sm text-slate-600">
        {note.source === 'gateway_refund' ? 'Refunded to the original payment method.' : 'Refunded as account credit.'} Reason: {note.reason}
      </p>
      {note.reverseCharge ? <p className="text-xs text-slate-600">{REVERSE_CHARGE_NOTE}</p> : null}
    </article>
  );
}
