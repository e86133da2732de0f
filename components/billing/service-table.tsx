import type { ServiceListRow } from '@/lib/billing/list-services';
import { CANCELLATION_REASONS } from '@/lib/billing/cancel-service';
import { CYCLE_LABELS } from '@/lib/catalog/public/display';
import { formatMoney } from '@/lib/money/format';

/** "Too expensive: the words", for the pending cancellation's tooltip. */
function cancellationTitle(r: ServiceListRow): string | undefined {
  const label = r.cancellationReasonCode ? CANCELLATION_REASONS[r.cancellationReasonCode] : null;
  return [label, r.cancellationReason].filter(Boolean).join(': ') || undefined;
}

function statusText(r: ServiceListRow): string {
  if (r.status === 'suspended' && r.suspensionReason) return `suspended (${r.suspensionReason})`;
  return r.status;
}

/**
 * The services of one customer, in both areas. `actions` renders extra content per row (the customer area's
 * cancellation form) in a cell below the row.
 */
export function ServiceTable({
  rows,
  actions,
  label = (r) => r.label,
}: {
  rows: ServiceListRow[];
  actions?: (row: ServiceListRow) => React.ReactNode;
  /** The label cell: the account area links it to the service's page. */
  label?: (row: ServiceListRow) => React.ReactNode;
}) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="border-b text-slate-500">
            <th className="py-2 pr-4 font-medium">Service</th>
            <th className="py-2 pr-4 font-medium">Plan</th>
            <th className="py-2 pr-4 font-medium">Cycle</th>
            <th className="py-2 pr-4 font-medium">Status</th>
            <th className="py-2 pr-4 font-medium">Next due</th>
            <th className="py-2 pr-4 text-right font-medium">Recurring</th>
            <th className="py-2 font-medium">Cancellation</th>
          </tr>
        </thead>
        {rows.map((r) => {
          const extra = actions?.(r);
          return (
            <tbody key={r.id} className="border-b last:border-0">
              <tr>
                <td className="py-2 pr-4">{label(r)}</td>
                <td className="py-2 pr-4">{r.planName}</td>
                <td className="py-2 pr-4">{CYCLE_LABELS[r.cycle] ?? r.cycle}</td>
                <td className="py-2 pr-4">{statusText(r)}</td>
                <td className="py-2 pr-4 whitespace-nowrap">{r.nextDueOn ?? '–'}</td>
                <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(r.recurringMinor, r.currency, r.locale, r.minorDigits)}</td>
                <td className="py-2">
                  {r.cancellationRequestedAt && (r.status === 'active' || r.status === 'suspended') ? (
                    <span title={cancellationTitle(r)}>Pending{r.nextDueOn ? ` (ends ${r.nextDueOn})` : ''}</span>
                  ) : (
                    '–'
                  )}
                </td>
              </tr>
              {extra ? (
                <tr>
                  <td colSpan={7} className="pb-3">
                    {extra}
                  </td>
                </tr>
              ) : null}
            </tbody>
          );
        })}
      </table>
    </div>
  );
}
