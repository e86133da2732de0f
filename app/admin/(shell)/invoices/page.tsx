import Link from 'next/link';
import { z } from 'zod';
import { Card } from '@/components/ui/area-shell';
import { INVOICE_STATUSES } from '@/db/schema/storefront';
import { listInvoices } from '@/lib/invoices/get-invoice';
import { formatMoney } from '@/lib/money/format';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';

const filterSchema = z.object({ status: z.enum(INVOICE_STATUSES).optional().catch(undefined) });

export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const filter = filterSchema.parse(await searchParams);
  const rows = await listInvoices(access.ctx.db, filter);
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoices</h1>
      <nav aria-label="Filter invoices" className="flex gap-3 text-sm">
        {[undefined, ...INVOICE_STATUSES].map((s) => (
          <Link key={s ?? 'all'} href={s ? `/invoices?status=${s}` : '/invoices'} aria-current={filter.status === s ? 'true' : undefined} className={filter.status === s ? 'font-semibold text-[var(--brand)]' : 'text-slate-600'}>
            {s?.replace('_', ' ') ?? 'all'}
          </Link>
        ))}
      </nav>
      <Card title={`${rows.length} invoice(s)${rows.length === 100 ? ' (newest 100)' : ''}`}>
        <table className="w-full text-sm">
          <thead>
            <tr className="border-b text-left text-slate-500">
              <th className="py-2 font-medium">Number</th>
              <th className="py-2 font-medium">Customer</th>
              <th className="py-2 font-medium">Issued</th>
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
                <td className="py-2">{r.customerEmail}</td>
                <td className="py-2">{r.issuedAt?.toISOString().slice(0, 10) ?? '–'}</td>
                <td className="py-2">{r.status.replace('_', ' ')}</td>
                <td className="py-2 text-right">{formatMoney(r.totalMinor, r.currency, r.locale)}</td>
                <td className="py-2 text-right">{formatMoney(r.status === 'unpaid' ? r.totalMinor - r.paidMinor : 0, r.currency, r.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}
