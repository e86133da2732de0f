import Link from 'next/link';
import type { CreditNoteListRow } from '@/lib/credit-notes/list-credit-notes';
import { formatMoney } from '@/lib/money/format';

const SOURCE_LABEL: Record<CreditNoteListRow['source'], string> = { gateway_refund: 'Refund to payment method', credit_refund: 'Refund to account credit' };

/** Credit notes as both areas list them (the account's invoice list, an invoice page), each with its PDF. */
export function CreditNoteTable({ rows, showInvoice = true }: { rows: CreditNoteListRow[]; showInvoice?: boolean }) {
  return (
    <table className="w-full text-sm" data-testid="credit-notes">
      <thead>
        <tr className="border-b text-left text-slate-500">
          <th className="py-2 font-medium">Credit note</th>
          {showInvoice ? <th className="py-2 font-medium">For invoice</th> : null}
          <th className="py-2 font-medium">Issued</th>
          <th className="py-2 font-medium">Refunded as</th>
          <th className="py-2 text-right font-medium">Credited</th>
          <th className="py-2 text-right font-medium">PDF</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.publicId} className="border-b last:border-0">
            <td className="py-2">
              <Link href={`/credit-notes/${r.publicId}`} className="text-[var(--brand)] underline">
                {r.number}
              </Link>
            </td>
            {showInvoice ? (
              <td className="py-2">
                <Link href={`/invoices/${r.invoicePublicId}`} className="text-[var(--brand)] underline">
                  {r.invoiceNumber ?? r.invoicePublicId}
                </Link>
              </td>
            ) : null}
            <td className="py-2">{r.issuedAt.toISOString().slice(0, 10)}</td>
            <td className="py-2">{SOURCE_LABEL[r.source]}</td>
            <td className="py-2 text-right">{formatMoney(r.totalMinor, r.currency, r.locale, r.minorDigits)}</td>
            <td className="py-2 text-right">
              <a href={`/credit-notes/${r.publicId}/pdf`} className="text-[var(--brand)] underline">
                Download
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
