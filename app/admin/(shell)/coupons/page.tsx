import Link from 'next/link';
import { joinedDigits } from '@/lib/money/currency-book';
import { Card } from '@/components/ui/area-shell';
import { couponDurationLabel, couponTypeLabel, couponValueLabel } from '@/lib/coupons/admin/describe-coupon';
import { couponFormOptions, listCoupons } from '@/lib/coupons/admin/list-coupons';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../permission-denied';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : '—');

export default async function CouponsPage() {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const rows = await listCoupons(access.ctx.db);
  const { currencies } = await couponFormOptions(
    access.ctx.db,
    rows.flatMap((r) => r.amounts.map((a) => a.currency)),
  );
  const digits = new Map(currencies.map((c) => [c.code, c.minorDigits]));
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Coupons</h1>
        <Link href="/coupons/new" className="rounded bg-[var(--brand)] px-3 py-2 text-sm font-medium text-white">
          New coupon
        </Link>
      </div>
      <Card title={`${rows.length} coupon(s)`}>
        {rows.length === 0 ? (
          <p className="text-sm text-slate-500">No coupons yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Code</th>
                  <th className="py-2 pr-4 font-medium">Type</th>
                  <th className="py-2 pr-4 font-medium">Value</th>
                  <th className="py-2 pr-4 font-medium">Duration</th>
                  <th className="py-2 pr-4 font-medium">Uses</th>
                  <th className="py-2 pr-4 font-medium">Active</th>
                  <th className="py-2 pr-4 font-medium">Dates</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {rows.map((c) => (
                  <tr key={c.id}>
                    <td className="py-2 pr-4 font-mono">
                      <Link href={`/coupons/${c.id}`} className="text-[var(--brand)] underline">
                        {c.code}
                      </Link>
                    </td>
                    <td className="py-2 pr-4">{couponTypeLabel(c.type)}</td>
                    <td className="py-2 pr-4">{couponValueLabel(c, c.amounts, (cur) => joinedDigits(cur, digits.get(cur) ?? null))}</td>
                    <td className="py-2 pr-4">{couponDurationLabel(c)}</td>
                    <td className="py-2 pr-4">
                      {c.usesCount} / {c.maxUses ?? '∞'}
                    </td>
                    <td className="py-2 pr-4">{c.active ? 'Yes' : 'No'}</td>
                    <td className="py-2 pr-4 whitespace-nowrap">
                      {day(c.startsAt)} → {day(c.endsAt)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}
