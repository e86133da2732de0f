import Link from 'next/link';
import type { TransactionListRow } from '@/lib/payments/list-transactions';
import type { CurrencyBook } from '@/lib/money/currency-book';
import { gatewayDefinition } from '@/lib/payments/registry';

const STATUS_STYLE: Record<TransactionListRow['status'], string> = {
  succeeded: 'bg-green-100 text-green-800',
  pending: 'bg-slate-100 text-slate-700',
  requires_action: 'bg-amber-100 text-amber-900',
  failed: 'bg-red-100 text-red-800',
  cancelled: 'bg-slate-100 text-slate-500',
};


export function TransactionStatus({ status }: { status: TransactionListRow['status'] }) {
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_STYLE[status]}`}>{status.replace('_', ' ')}</span>;
}

/** Gateway attempts as the ledger and the invoice page show them; the invoice page leaves out the invoice column. */
export function TransactionTable({ rows, currencies, showInvoice = true }: { rows: TransactionListRow[]; currencies: CurrencyBook; showInvoice?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="py-2 pr-3 font-medium">Date (UTC)</th>
            <th className="py-2 pr-3 font-medium">Customer</th>
            {showInvoice ? <th className="py-2 pr-3 font-medium">Invoice</th> : null}
            <th className="py-2 pr-3 font-medium">Gateway</th>
            <th className="py-2 pr-3 font-medium">Kind</th>
            <th className="py-2 pr-3 text-right font-medium">Amount</th>
            <th className="py-2 pr-3 text-right font-medium">Fee</th>
            <th className="py-2 pr-3 font-medium">Status</th>
            <th className="py-2 pr-3 font-medium">Failure</th>
            <th className="py-2 font-medium">Gateway id</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.publicId} className="border-b align-top last:border-0">
              <td className="py-2 pr-3 whitespace-nowrap">{r.createdAt.toISOString().slice(0, 16).replace('T', ' ')}</td>
              <td className="py-2 pr-3">
                <Link href={`/customers/${r.customerId}`} className="text-[var(--brand)] underline">
                  {r.customerEmail}
                </Link>
              </td>
              {showInvoice ? (
                <td className="py-2 pr-3">
                  {r.invoicePublicId ? (
                    <Link href={`/invoices/${r.invoicePublicId}`} className="text-[var(--brand)] underline">
                      {r.invoiceNumber ?? r.invoicePublicId}
                    </Link>
                  ) : (
                    '–'
                  )}
                </td>
              ) : null}
              <td className="py-2 pr-3">{gatewayDefinition(r.gateway)?.names.staff ?? r.gateway}</td>
              <td className="py-2 pr-3">
                {r.kind.replace('_', ' ')} <span className="text-xs text-slate-500">({r.flow.replace('_', ' ')})</span>
              </td>
              <td className="py-2 pr-3 text-right whitespace-nowrap">{currencies.format(r.kind === 'refund' || r.kind === 'chargeback' ? -r.amountMinor : r.amountMinor, r.currency, r.locale)}</td>
              <td className="py-2 pr-3 text-right whitespace-nowrap">{r.feeMinor === null ? '–' : currencies.format(r.feeMinor, r.currency, r.locale)}</td>
              <td className="py-2 pr-3">
                <TransactionStatus status={r.status} />
              </td>
              <td className="py-2 pr-3 text-red-800">{r.failureReason ? `${r.failureReason}${r.failureCode ? ` (${r.failureCode})` : ''}` : ''}</td>
              <td className="py-2 font-mono text-xs break-all">{r.gatewayPaymentId ?? r.gatewayRef ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
