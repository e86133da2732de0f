import Link from 'next/link';
import { formatMoney } from '@/lib/money/format';
import { DISPUTE_STATUS_LABELS, formatDeadline } from '@/lib/payments/disputes/dispute-state';
import type { DisputeListRow } from '@/lib/payments/disputes/list-disputes';
import { gatewayDefinition } from '@/lib/payments/registry';

type StateOf = Pick<DisputeListRow, 'status' | 'outcome'>;

const STYLE = {
  needs_response: 'bg-red-100 text-red-800',
  under_review: 'bg-amber-100 text-amber-900',
  won: 'bg-green-100 text-green-800',
  lost: 'bg-slate-200 text-slate-800',
} as const;

export function DisputeStateBadge({ dispute }: { dispute: StateOf }) {
  const key = dispute.status === 'closed' ? (dispute.outcome ?? 'lost') : dispute.status;
  const label = dispute.status === 'closed' ? (dispute.outcome === 'won' ? 'Won' : 'Lost') : DISPUTE_STATUS_LABELS[dispute.status];
  return <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STYLE[key]}`}>{label}</span>;
}

/** "Evidence due by …" while the dispute is open (red once past); nothing once it is closed. */
export function EvidenceDue({ dispute, now }: { dispute: Pick<DisputeListRow, 'status' | 'evidenceDueBy'>; now: Date }) {
  if (dispute.status === 'closed') return <span className="text-slate-500">–</span>;
  if (!dispute.evidenceDueBy) return <span className="text-slate-500">No deadline given</span>;
  const past = dispute.evidenceDueBy.getTime() < now.getTime();
  return <span className={past ? 'font-medium text-red-800' : dispute.status === 'needs_response' ? 'font-medium' : ''}>{`Evidence due by ${formatDeadline(dispute.evidenceDueBy)}${past ? ' (past)' : ''}`}</span>;
}

/** Disputes as the disputes list and the invoice page show them; the invoice page leaves out the invoice column. */
export function DisputeTable({ rows, now, showInvoice = true }: { rows: DisputeListRow[]; now: Date; showInvoice?: boolean }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b text-left text-slate-500">
            <th className="py-2 pr-3 font-medium">Opened (UTC)</th>
            <th className="py-2 pr-3 font-medium">Customer</th>
            {showInvoice ? <th className="py-2 pr-3 font-medium">Invoice</th> : null}
            <th className="py-2 pr-3 font-medium">Gateway</th>
            <th className="py-2 pr-3 text-right font-medium">Disputed</th>
            <th className="py-2 pr-3 font-medium">Reason</th>
            <th className="py-2 pr-3 font-medium">Status</th>
            <th className="py-2 pr-3 font-medium">Evidence</th>
            <th className="py-2 font-medium">Taken back</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.publicId} className="border-b align-top last:border-0">
              <td className="py-2 pr-3 whitespace-nowrap">
                <Link href={`/payments/disputes/${d.publicId}`} className="text-[var(--brand)] underline">
                  {d.openedAt.toISOString().slice(0, 16).replace('T', ' ')}
                </Link>
              </td>
              <td className="py-2 pr-3">
                <Link href={`/customers/${d.customerId}`} className="text-[var(--brand)] underline">
                  {d.customerEmail}
                </Link>
              </td>
              {showInvoice ? (
                <td className="py-2 pr-3">
                  {d.invoicePublicId ? (
                    <Link href={`/invoices/${d.invoicePublicId}`} className="text-[var(--brand)] underline">
                      {d.invoiceNumber ?? d.invoicePublicId}
                    </Link>
                  ) : (
                    '–'
                  )}
                </td>
              ) : null}
              <td className="py-2 pr-3">{gatewayDefinition(d.gateway)?.names.staff ?? d.gateway}</td>
              <td className="py-2 pr-3 text-right whitespace-nowrap">{formatMoney(d.amountMinor, d.currency, d.locale, d.minorDigits)}</td>
              <td className="py-2 pr-3">{d.reason.replaceAll('_', ' ')}</td>
              <td className="py-2 pr-3">
                <DisputeStateBadge dispute={d} /> <span className="font-mono text-xs text-slate-500">{d.gatewayStatus}</span>
              </td>
              <td className="py-2 pr-3">
                <EvidenceDue dispute={d} now={now} />
              </td>
              <td className="py-2 whitespace-nowrap">{d.chargedBackMinor > 0 ? formatMoney(d.chargedBackMinor, d.currency, d.locale, d.minorDigits) : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
