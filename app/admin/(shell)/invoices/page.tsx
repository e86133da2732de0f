import Link from 'next/link';
import { InvoiceTable } from '@/components/billing/invoice-table';
import { Card } from '@/components/ui/area-shell';
import { FilterButtons, FilterProblems, Pager } from '@/components/ui/list-filters';
import { INVOICE_STATUSES } from '@/db/schema/storefront';
import { listCurrencies } from '@/lib/catalog/admin/list-catalog';
import { ADMIN_INVOICE_PAGE_SIZE, adminInvoiceFilterQuery, hasAdminInvoiceFilter, listAdminInvoicePage, parseAdminInvoiceFilter } from '@/lib/invoices/admin-invoice-filter';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';

const input = 'mt-1 block rounded border border-slate-300 px-2 py-1';

function DateField({ name, label, value }: { name: string; label: string; value?: string }) {
  return (
    <label className="text-sm">
      <span className="block font-medium">{label}</span>
      <input type="date" name={name} defaultValue={value ?? ''} className={input} />
    </label>
  );
}

export default async function AdminInvoicesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const { filter, problems } = parseAdminInvoiceFilter(await searchParams);
  const [{ rows, page, hasNext }, currencyRows] = await Promise.all([
    listAdminInvoicePage(access.ctx.db, filter),
    listCurrencies(access.ctx.db),
  ]);
  const href = (change: Parameters<typeof adminInvoiceFilterQuery>[1]) => `/invoices${adminInvoiceFilterQuery(filter, change)}`;
  const from = (page - 1) * ADMIN_INVOICE_PAGE_SIZE + 1;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Invoices</h1>
      <nav aria-label="Filter invoices by status" className="flex gap-3 text-sm">
        {[undefined, ...INVOICE_STATUSES].map((s) => (
          <Link key={s ?? 'all'} href={href({ status: s, page: 1 })} aria-current={filter.status === s ? 'true' : undefined} className={filter.status === s ? 'font-semibold text-[var(--brand)]' : 'text-slate-600'}>
            {s?.replace('_', ' ') ?? 'all'}
          </Link>
        ))}
      </nav>
      <form method="get" action="/invoices" aria-label="Filter invoices" className="flex flex-wrap items-end gap-3">
        {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
        <label className="text-sm">
          <span className="block font-medium">Customer</span>
          <input type="search" name="customer" defaultValue={filter.customer ?? ''} maxLength={100} placeholder="Email or name" className={input} />
        </label>
        <DateField name="issuedFrom" label="Issued from" value={filter.issuedFrom} />
        <DateField name="issuedTo" label="Issued to" value={filter.issuedTo} />
        <DateField name="dueFrom" label="Due from" value={filter.dueFrom} />
        <DateField name="dueTo" label="Due to" value={filter.dueTo} />
        <label className="text-sm">
          <span className="block font-medium">Currency</span>
          <select name="currency" defaultValue={filter.currency ?? ''} className={input}>
            <option value="">Any</option>
            {currencyRows.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code}
              </option>
            ))}
          </select>
        </label>
        <FilterButtons filtered={hasAdminInvoiceFilter(filter)} clearHref="/invoices" />
      </form>
      <FilterProblems problems={problems} />
      <Card title={rows.length ? `Invoices ${from}–${from + rows.length - 1}${hasNext ? '' : ` of ${from + rows.length - 1}`}` : 'No invoices match'}>
        <InvoiceTable rows={rows} showCustomer />
      </Card>
      <Pager page={page} hasNext={hasNext} href={(p) => href({ page: p })} />
    </div>
  );
}
