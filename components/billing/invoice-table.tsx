import Link from 'next/link';
import type { InvoiceListRow } from '@/lib/invoices/get-invoice';
import { formatMoney } from '@/lib/money/format';

/** The invoice list of both areas; the admin list adds the customer column. */
export function InvoiceTable({ rows, showCustomer = false }: { rows: InvoiceListRow[]; showCustomer?: boolean }) {
  return (
    <table className="w-full text-sm">
      <thead>
        <tr className="border-b text-left text-slate-500">
          <th className="py-2 font-medium">Number</th>
          {showCustomer ? <th className="py-2 font-medium">Customer</th> : null}
          <th className="py-2 font-medium">Issued</th>
          <th className="py-2 font-medium">Due</th>
          <th className="py-2 font-medium">Status</th>
          <th className="py-2 text-right font-medium">Total</th>
          <th className="py-2 text-right font-medium">Balance</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.publicId} className="border-b last:border-0">
            <td className="py-2">
              <Link href={`/invoices/${r.publicId}`} className="text-[var(--brand)] underline">
                {r.number ?? r.publicId}
              </Link>
            </td>
            {showCustomer ? <td className="py-2">{r.customerEmail}</td> : null}
            <td className="py-2">{r.issuedAt?.toISOString().slice(0, 10) ?? '–'}</td>
            <td className="py-2">{r.dueOn ?? '–'}</td>
            <td className="py-2">{r.status.replace('_', ' ')}</td>
            <td className="py-2 text-right">{formatMoney(r.totalMinor, r.currency, r.locale, r.minorDigits)}</td>
            <td className="py-2 text-right">{formatMoney(r.status === 'unpaid' ? r.totalMinor - r.paidMinor : 0, r.currency, r.locale, r.minorDigits)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
