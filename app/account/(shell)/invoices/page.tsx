import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { requireCustomer } from '@/lib/auth/request-session';
import { listInvoices } from '@/lib/invoices/get-invoice';
import { formatMoney } from '@/lib/money/format';

export default async function AccountInvoicesPage() {
  const { ctx, customer } = await requireCustomer();
  const rows = await listInvoices(ctx.db, { customerId: customer.id });
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoices</h1>
      <Card title={rows.length ? `${rows.length} invoice(s)` : 'No invoices yet'}>
        {rows.length ? (
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b text-left text-slate-500">
                <th className="py-2 font-medium">Number</th>
                <th className="py-2 font-medium">Issued</th>
                <th className="py-2 font-medium">Due</th>
                <th className="py-2 font-medium">Status</th>
                <th className="py-2 text-right font-medium">Total</th>
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
                  <td className="py-2">{r.issuedAt?.toISOString().slice(0, 10) ?? '–'}</td>
                  <td className="py-2">{r.dueOn ?? '–'}</td>
                  <td className="py-2">{r.status.replace('_', ' ')}</td>
                  <td className="py-2 text-right">{formatMoney(r.totalMinor, r.currency, r.locale)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p className="text-sm text-slate-600">Invoices appear here when you place an order.</p>
        )}
      </Card>
    </div>
  );
}
