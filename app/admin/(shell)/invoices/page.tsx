import Link from 'next/link';
import { z } from 'zod';
import { InvoiceTable } from '@/components/billing/invoice-table';
import { Card } from '@/components/ui/area-shell';
import { INVOICE_STATUSES } from '@/db/schema/storefront';
import { listInvoices } from '@/lib/invoices/get-invoice';
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
        <InvoiceTable rows={rows} showCustomer />
      </Card>
    </div>
  );
}
