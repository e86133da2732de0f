import Link from 'next/link';
import { Card } from '@/components/ui/area-shell';
import { couponFormOptions } from '@/lib/coupons/admin/list-coupons';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { PermissionDenied } from '../../permission-denied';
import { CouponForm } from '../_components/coupon-form';
import { createCouponAction } from '../actions';

export default async function NewCouponPage() {
  const access = await requireStaffPermission('catalog.manage');
  if (!access.allowed) return <PermissionDenied permission="catalog.manage" />;
  const options = await couponFormOptions(access.ctx.db);
  return (
    <div className="space-y-6">
      <Link href="/coupons" className="text-sm text-[var(--brand)] underline">
        All coupons
      </Link>
      <h1 className="text-2xl font-semibold">New coupon</h1>
      <Card title="Coupon">
        <CouponForm action={createCouponAction} options={options} />
      </Card>
    </div>
  );
}
