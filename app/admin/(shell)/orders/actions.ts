'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta } from '@/lib/auth/request-session';
import { failed, formInput, invalid } from '@/lib/forms/action-result';
import { approveOrder, cancelOrder, flagOrder } from '@/lib/orders/change-order-status';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';

const schema = z.object({
  orderId: z.string().regex(/^ord_[a-z0-9]{1,40}$/, 'is not an order'),
  decision: z.enum(['approve', 'flag', 'cancel']),
  reason: z.string().trim().max(500, 'must be at most 500 characters').optional(),
});

export async function changeOrderAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('orders.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = schema.safeParse(formInput(data, ['orderId', 'decision', 'reason']));
  if (!parsed.success) return invalid(parsed.error, {});
  const { orderId, decision, reason } = parsed.data;
  if (decision !== 'approve' && (!reason || reason.length < 3)) return { ok: false, message: 'Give a reason (at least 3 characters).', fieldErrors: { reason: ['is required'] } };
  const actor = { type: 'staff' as const, id: access.staff.id, label: access.staff.email, ...(await requestMeta()) };
  try {
    if (decision === 'approve') await approveOrder(access.ctx.db, { orderPublicId: orderId, actor });
    if (decision === 'flag') await flagOrder(access.ctx.db, { orderPublicId: orderId, reason: reason!, actor });
    if (decision === 'cancel') await cancelOrder(access.ctx.db, { orderPublicId: orderId, reason: reason!, actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/orders');
  return { ok: true, message: `Order ${orderId}: ${decision === 'approve' ? 'approved' : decision === 'flag' ? 'flagged' : 'cancelled'}.` };
}
