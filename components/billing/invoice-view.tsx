import { invoiceDocument, type BillingDocument, type InvoiceDocumentExtras } from '@/lib/invoices/billing-document';
import type { InvoiceDetail } from '@/lib/invoices/get-invoice';

const STATUS_STYLE: Record<string, string> = {
  paid: 'bg-green-100 text-green-800',
  unpaid: 'bg-amber-100 text-amber-800',
  void: 'bg-slate-200 text-slate-700',
  draft: 'bg-slate-100 text-slate-700',
  refunded: 'bg-slate-200 text-slate-700',
  'partially refunded': 'bg-slate-200 text-slate-700',
};

/**
 * A billing document (invoice, credit note) as both areas show it, block for block what its PDF prints
 * (lib/invoices/pdf/document-parts.tsx): parties, lines with their periods, tax per rate, totals, how to pay, footer.
 */
export function BillingDocumentView({ doc }: { doc: BillingDocument }) {
  return (
    <article className="space-y-6 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h2 className="text-xl font-semibold">
            {doc.title} {doc.number}
          </h2>
          <dl className="mt-1 text-sm text-slate-600">
            {doc.dates.map((d) => (
              <div key={d.label} className="flex gap-2">
                <dt>{d.label}</dt>
                <dd>{d.value}</dd>
              </div>
            ))}
          </dl>
        </div>
        {doc.status ? (
          <span data-testid="invoice-status" className={`rounded px-2 py-1 text-sm font-medium ${STATUS_STYLE[doc.status] ?? ''}`}>
            {doc.status}
          </span>
        ) : null}
      </header>
      <div className="grid gap-4 text-sm sm:grid-cols-2">
        {(
          [
            ['seller', doc.seller],
            ['buyer', doc.buyer],
          ] as const
        ).map(([role, p]) => (
          <div key={role} data-testid={`invoice-${role}`}>
            <h3 className="font-medium text-slate-500">{p.title}</h3>
            {p.lines.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
        ))}
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
          {doc.lines.map((l) => (
            <tr key={l.key} className={`border-b last:border-0 ${l.sub ? 'text-slate-600' : ''}`}>
              <td className={l.sub ? 'py-1 pl-4' : 'py-2'}>
                {l.description}
                {l.units ? <span className="block text-xs text-slate-500">{l.units}</span> : null}
                {l.period ? <span className="block text-xs text-slate-500">{l.period}</span> : null}
              </td>
              <td className="py-2 text-slate-600">{l.taxLabel}</td>
              <td className="py-2 text-right">{l.amount}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-start justify-between gap-6 text-sm">
        <section aria-label="Tax summary" className="min-w-64">
          <h3 className="mb-1 font-medium text-slate-500">Tax summary</h3>
          <table className="w-full">
            <thead>
              <tr className="border-b text-left text-slate-500">
                <th className="py-1 pr-3 font-medium">Tax</th>
                <th className="py-1 pr-3 font-medium">Rate</th>
                <th className="py-1 pr-3 text-right font-medium">Taxable</th>
                <th className="py-1 text-right font-medium">Amount</th>
              </tr>
            </thead>
            <tbody>
              {doc.taxSummary.map((t) => (
                <tr key={`${t.label}|${t.rate}`}>
                  <td className="py-1 pr-3">{t.label}</td>
                  <td className="py-1 pr-3">{t.rate}</td>
                  <td className="py-1 pr-3 text-right">{t.taxable}</td>
                  <td className="py-1 text-right">{t.tax}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <dl className="ml-auto w-full max-w-xs space-y-1">
          {doc.totals.map((t) => (
            <div key={t.label} className={`flex justify-between ${t.label === doc.totalLabel ? 'font-semibold' : ''}`}>
              <dt>{t.label}</dt>
              <dd data-testid={t.label === doc.totalLabel ? 'invoice-total' : undefined}>{t.value}</dd>
            </div>
          ))}
          {doc.balance ? (
            <div className="flex justify-between border-t pt-1 font-semibold">
              <dt>{doc.balance.label}</dt>
              <dd data-testid="invoice-balance">{doc.balance.value}</dd>
            </div>
          ) : null}
        </dl>
      </div>
      {doc.notes.map((n) => (
        <p key={n} className="text-xs text-slate-600">
          {n}
        </p>
      ))}
      {doc.payment ? (
        <section aria-label="How to pay" className="space-y-2 rounded border border-slate-200 bg-slate-50 p-4 text-sm">
          <h3 className="font-medium">How to pay</h3>
          <p>{doc.payment.request}</p>
          {doc.payment.payUrl ? (
            <p>
              Pay online:{' '}
              <a href={doc.payment.payUrl} className="font-medium text-[var(--brand)] underline">
                {doc.payment.payUrl}
              </a>
            </p>
          ) : null}
          {doc.payment.bankInstructions ? (
            <div data-testid="bank-transfer">
              <h4 className="font-medium">Bank transfer</h4>
              <p className="whitespace-pre-line">{doc.payment.bankInstructions}</p>
              <p>
                Reference: <span className="font-mono font-medium">{doc.payment.reference}</span>
              </p>
              <p className="text-xs text-slate-500">Please quote the reference exactly, so we can match your transfer to this invoice. Transfers are recorded by hand and can take a few working days.</p>
            </div>
          ) : null}
        </section>
      ) : null}
      {doc.footer.length ? (
        <footer className="border-t pt-3 text-xs text-slate-500">
          {doc.footer.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </footer>
      ) : null}
    </article>
  );
}

/** The invoice as a document; `extras` (getInvoiceDocumentExtras) add how to pay it and the storefront's footer. */
export function InvoiceView({ detail, extras }: { detail: InvoiceDetail; extras?: InvoiceDocumentExtras }) {
  return <BillingDocumentView doc={invoiceDocument(detail, extras)} />;
}
