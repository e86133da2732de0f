import { eq, sql } from 'drizzle-orm';
import { couponAmounts, couponRedemptions, coupons } from '@/db/schema/storefront';
import { recordAudit, type AuditActor } from '@/lib/audit/record-audit';
import type { SfDb } from '@/lib/db/connection';
import { AppError } from '@/lib/errors/app-error';
import { couponSnapshot } from './save-coupon';

/**
 * Deletes a coupon nobody has redeemed, audited with its last state. A redeemed coupon stays (orders, invoices
 * and services point at it): deactivate it instead. The coupon row is locked first, and redeeming takes the same
 * row lock through its guarded uses_count update, so a redemption cannot slip in between the check and the delete.
 */
export async function deleteCoupon(db: SfDb, opts: { couponId: number; actor: AuditActor }): Promise<{ code: string }> {
  return db.transaction(async (tx) => {
    const [coupon] = await tx.select().from(coupons).where(eq(coupons.id, opts.couponId)).for('update');
    if (!coupon) throw new AppError('not_found', 'That coupon does not exist.');
    const [used] = await tx
      .select({ n: sql<number>`COUNT(*)` })
      .from(couponRedemptions)
      .where(eq(couponRedemptions.couponId, coupon.id));
    if (Number(used?.n ?? 0) > 0 || coupon.usesCount > 0) {
      throw new AppError('conflict', `${coupon.code} has been redeemed, so it cannot be deleted; deactivate it instead.`);
    }
    const amounts = await tx
      .select({ currency: couponAmounts.currency, discountMinor: couponAmounts.discountMinor, minOrderMinor: couponAmounts.minOrderMinor })
      .from(couponAmounts)
      .where(eq(couponAmounts.couponId, coupon.id));
    await tx.delete(couponAmounts).where(eq(couponAmounts.couponId, coupon.id));
    await tx.delete(coupons).where(eq(coupons.id, coupon.id));
    await recordAudit(tx, { actor: opts.actor, action: 'coupon.deleted', target: { type: 'coupon', id: coupon.id }, before: couponSnapshot(coupon, amounts), after: null });
    return { code: coupon.code };
  });
}
