import Link from 'next/link';
import { ActionForm, Field } from '@/components/ui/action-form';
import { Card } from '@/components/ui/area-shell';
import { ORDER_STATUSES } from '@/db/schema/storefront';
import { requestCurrencyBook } from '@/lib/money/request-currency-book';
import { listOrders, orderFilterSchema } from '@/lib/orders/list-orders';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';
import { changeOrderAction } from './actions';

export default async function OrdersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const access = await requireStaffPermission('billing.view');
  if (!access.allowed) return <PermissionDenied permission="billing.view" />;
  const filter = orderFilterSchema.parse(await searchParams);
  const [rows, currencies] = await Promise.all([listOrders(access.ctx.db, filter), requestCurrencyBook()]);
  const mayManage = access.permissions.includes('orders.manage');
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Orders</h1>
      <nav aria-label="Filter orders" className="flex gap-3 text-sm">
        {[undefined, ...ORDER_STATUSES].map((s) => (
          <Link key={s ?? 'all'} href={s ? `/orders?status=${s}` : '/orders'} aria-current={filter.status === s ? 'true' : undefined} className={filter.status === s ? 'font-semibold text-[var(--brand)]' : 'text-slate-600'}>
            {s ?? 'all'}
          </Link>
        ))}
      </nav>
      <Card title={`${rows.length} order(s)${rows.length === 100 ? ' (newest 100)' : ''}`}>
        <ul className="divide-y">
          {rows.map((o) => (
            <li key={o.publicId} className="py-3 text-sm" data-testid={`order-${o.publicId}`}>
              <div className="flex flex-wrap items-center justify-between gap-3">
                <div>
                  <span className="font-mono">{o.publicId}</span> · <span className="font-medium">{o.status}</span> · {o.customerEmail} · {currencies.format(o.totalMinor, o.currency, o.locale ?? undefined)}
                  {o.couponCodes.length ? <span className="text-slate-500"> · coupons {o.couponCodes.join(', ')}</span> : null}
                  <div className="text-slate-500">
                    {o.createdAt.toISOString().slice(0, 16).replace('T', ' ')} · invoice{' '}
                    {o.invoicePublicId ? (
                      <Link href={`/invoices/${o.invoicePublicId}`} className="text-[var(--brand)] underline">
                        {o.invoiceNumber}
                      </Link>
                    ) : (
                      '–'
                    )}{' '}
                    ({o.invoiceStatus ?? 'none'}){o.note ? ` · ${o.note}` : ''}
                  </div>
                </div>
              </div>
              {mayManage && (o.status === 'pending' || o.status === 'flagged') ? (
                <ActionForm action={changeOrderAction} submitLabel="Apply" className="mt-2 flex flex-wrap items-end gap-3">
                  <input type="hidden" name="orderId" value={o.publicId} />
                  <label className="text-sm">
                    <span className="block font-medium">Decision</span>
                    <select name="decision" className="mt-1 rounded border border-slate-300 px-3 py-2">
                      <option value="approve">Approve</option>
                      {o.status === 'pending' ? <option value="flag">Flag for review</option> : null}
                      <option value="cancel">Cancel (voids an unpaid invoice, restores stock)</option>
                    </select>
                  </label>
                  <Field name="reason" label="Reason (flag or cancel)" maxLength={500} className="block w-72 text-sm" />
                </ActionForm>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
    </div>
  );
}
