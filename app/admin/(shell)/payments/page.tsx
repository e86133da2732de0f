import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { FilterButtons, FilterProblems, Pager } from '@/components/ui/list-filters';
import { PAYMENT_TRANSACTION_KINDS, PAYMENT_TRANSACTION_STATUSES } from '@/db/schema/storefront';
import { hasTransactionFilter, listTransactionPage, parseTransactionFilter, transactionFilterQuery } from '@/lib/payments/admin/transaction-filter';
import { countOpenDisputes } from '@/lib/payments/disputes/list-disputes';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { TRANSACTION_PAGE_SIZE } from '@/lib/payments/list-transactions';
import { GATEWAY_IDS, GATEWAY_STAFF_NAMES } from '@/lib/payments/registry';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { TransactionTable } from './transaction-table';

const input = 'mt-1 block rounded border border-slate-300 px-2 py-1';

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: readonly string[] }) {
  return (
    <label className="text-sm">
      <span className="block font-medium">{label}</span>
      <select name={name} defaultValue={value ?? ''} className={input}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o.replace('_', ' ')}
          </option>
        ))}
      </select>
    </label>
  );
}

export default async function AdminPaymentsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const { filter, problems } = parseTransactionFilter(await searchParams);
  const [{ rows, page, hasNext }, openDisputes] = await Promise.all([listTransactionPage(access.ctx.db, filter), countOpenDisputes(access.ctx.db)]);
  const href = (change: Parameters<typeof transactionFilterQuery>[1]) => `/payments${transactionFilterQuery(filter, change)}`;
  const first = (page - 1) * TRANSACTION_PAGE_SIZE + 1;
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Payments</h1>
      <p className="text-sm text-slate-600">{`Every charge, refund, chargeback and card save through ${GATEWAY_STAFF_NAMES}, whatever came of it.`}</p>
      <p className="text-sm">
        <Link href="/payments/disputes" className="font-medium text-[var(--brand)] underline">
          Disputes
        </Link>
        {openDisputes ? <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">{`${openDisputes} open`}</span> : <span className="ml-2 text-slate-500">none open</span>}
      </p>
      <form method="get" action="/payments" aria-label="Filter payments" className="flex flex-wrap items-end gap-3">
        <Select name="status" label="Status" value={filter.status} options={PAYMENT_TRANSACTION_STATUSES} />
        <Select name="gateway" label="Gateway" value={filter.gateway} options={GATEWAY_IDS} />
        <Select name="kind" label="Kind" value={filter.kind} options={PAYMENT_TRANSACTION_KINDS} />
        <label className="text-sm">
          <span className="block font-medium">Customer</span>
          <input type="search" name="customer" defaultValue={filter.customer ?? ''} maxLength={100} placeholder="Email or name" className={input} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">Invoice id</span>
          <input type="search" name="invoice" defaultValue={filter.invoice ?? ''} maxLength={44} placeholder="inv_…" className={input} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">From</span>
          <input type="date" name="from" defaultValue={filter.from ?? ''} className={input} />
        </label>
        <label className="text-sm">
          <span className="block font-medium">To</span>
          <input type="date" name="to" defaultValue={filter.to ?? ''} className={input} />
        </label>
        <FilterButtons filtered={hasTransactionFilter(filter)} clearHref="/payments" />
      </form>
      <FilterProblems problems={problems} />
      <Card title={rows.length ? `Payments ${first}–${first + rows.length - 1}${hasNext ? '' : ` of ${first + rows.length - 1}`}` : 'No payments match'}>
        {rows.length ? <TransactionTable rows={rows} currencies={await requestCurrencyBook()} /> : <p className="text-sm text-slate-500">Nothing to show{hasTransactionFilter(filter) ? ' for these filters' : ' yet'}.</p>}
      </Card>
      <Pager page={page} hasNext={hasNext} href={(p) => href({ page: p })} />
    </div>
  );
}
