import Link from 'next/link';
import { joinedDigits } from '@/lib/money/currency-book';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { Card } from '@/components/ui/area-shell';
import { couponDurationLabel, couponTypeLabel, couponValueLabel } from '@/lib/coupons/admin/describe-coupon';
import { couponFormOptions, getCoupon, listCouponRedemptions } from '@/lib/coupons/admin/list-coupons';
import { formatMoney } from '@/lib/money/format';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { ActionForm } from '@/components/ui/action-form';
import { PermissionDenied } from '../../permission-denied';
import { CouponForm } from '../_components/coupon-form';
import { deleteCouponAction, updateCouponAction } from '../actions';

export default async function CouponPage({ params }: { params: Promise<{ id: string }> }) {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const id = z.coerce.number().int().positive().safeParse((await params).id);
  const coupon = id.success ? await getCoupon(access.ctx.db, id.data) : null;
  if (!coupon) notFound();
  const [options, redemptions] = await Promise.all([
    couponFormOptions(
      access.ctx.db,
      coupon.amounts.map((a) => a.currency),
    ),
    listCouponRedemptions(access.ctx.db, coupon.id),
  ]);
  const digits = new Map(options.currencies.map((c) => [c.code, c.minorDigits]));
  const digitsOf = (cur: string) => joinedDigits(cur, digits.get(cur) ?? null);
  return (
    <div className="space-y-6">
      <Link href="/coupons" className="text-sm text-[var(--brand)] underline">
        All coupons
      </Link>
      <h1 className="font-mono text-2xl font-semibold">{coupon.code}</h1>
      <p className="text-slate-600">
        {couponTypeLabel(coupon.type)} · {couponValueLabel(coupon, coupon.amounts, digitsOf)} · {couponDurationLabel(coupon)} · used {coupon.usesCount} /{' '}
        {coupon.maxUses ?? '∞'} · {coupon.active ? 'active' : 'inactive'}
      </p>
      <Card title="Edit">
        <CouponForm action={updateCouponAction} options={options} coupon={coupon} />
      </Card>
      <Card title={`Redemptions (${redemptions.length}${redemptions.length === 200 ? ', newest 200' : ''})`}>
        {redemptions.length === 0 ? (
          <p className="text-sm text-slate-500">Not redeemed yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Customer</th>
                  <th className="py-2 pr-4 font-medium">Order</th>
                  <th className="py-2 pr-4 font-medium">Discount</th>
                  <th className="py-2 pr-4 font-medium">Date</th>
                </tr>
              </thead>
              <tbody className="divide-y">
                {redemptions.map((r) => (
                  <tr key={r.id}>
                    <td className="py-2 pr-4">
                      <Link href={`/customers/${r.customerId}`} className="font-mono text-[var(--brand)] underline">
                        {r.customerPublicId ?? `#${r.customerId}`}
                      </Link>{' '}
                      <span className="text-slate-500">{r.customerEmail ?? ''}</span>
                    </td>
                    <td className="py-2 pr-4 font-mono">{r.orderPublicId ?? '—'}</td>
                    <td className="py-2 pr-4">{formatMoney(r.discountMinor, r.currency, 'en-US', digitsOf(r.currency))}</td>
                    <td className="py-2 pr-4">{r.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <Card title="Delete">
        {coupon.usesCount > 0 || redemptions.length > 0 ? (
          <p className="text-sm text-slate-600">This coupon has been redeemed, so it cannot be deleted. Untick “Active” above to stop it being used.</p>
        ) : (
          <ActionForm actionRow className="space-y-4" action={deleteCouponAction} submitLabel={`Delete ${coupon.code}`} danger>
            <input type="hidden" name="couponId" value={coupon.id} />
            <p className="text-sm text-slate-600">Nobody has redeemed this coupon; deleting it is recorded in the audit log.</p>
          </ActionForm>
        )}
      </Card>
    </div>
  );
}
