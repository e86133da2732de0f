import type { PaymentTransactionStatus } from '@/db/schema/storefront';
import { formatMoney } from '@/lib/money/format';
import { gatewayDefinition } from '@/lib/payments/registry';

export interface PaymentAttemptRow {
  publicId: string;
  createdAt: Date;
  /** A gateway id (lib/payments/registry.ts). */
  gateway: string;
  amountMinor: number;
  currency: string;
  status: PaymentTransactionStatus;
  failureReason: string | null;
  /** The saved method used ("Visa •••• 4242"), when known. */
  method?: string | null;
}

const STATUS: Record<PaymentTransactionStatus, { label: string; className: string }> = {
  succeeded: { label: 'Paid', className: 'text-green-700' },
  pending: { label: 'Being confirmed', className: 'text-slate-700' },
  failed: { label: 'Failed', className: 'text-red-700' },
  requires_action: { label: 'Needs bank confirmation', className: 'text-amber-700' },
  cancelled: { label: 'Cancelled', className: 'text-slate-500' },
};

/** Card and PayPal attempts on one invoice, including the declined ones and why. */
export function PaymentAttemptsTable({ rows, locale, minorDigits }: { rows: PaymentAttemptRow[]; locale: string; minorDigits: number }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="payment-attempts">
        <thead>
          <tr className="border-b text-slate-500">
            <th className="py-2 pr-4 font-medium">Date</th>
            <th className="py-2 pr-4 font-medium">Method</th>
            <th className="py-2 pr-4 text-right font-medium">Amount</th>
            <th className="py-2 pr-4 font-medium">Status</th>
            <th className="py-2 font-medium">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.publicId} className="border-b last:border-0">
              <td className="py-2 pr-4 whitespace-nowrap">{r.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
              <td className="py-2 pr-4">{r.method ?? gatewayDefinition(r.gateway)?.names.customer ?? r.gateway}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{formatMoney(r.amountMinor, r.currency, locale, minorDigits)}</td>
              <td className={`py-2 pr-4 font-medium ${STATUS[r.status].className}`}>{STATUS[r.status].label}</td>
              <td className="py-2 text-slate-600">{r.status === 'failed' ? (r.failureReason ?? 'Declined') : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
