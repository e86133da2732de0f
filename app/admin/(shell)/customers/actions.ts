'use server';

import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { failed, formInput, invalid } from '@/lib/forms/action-result';
import { impersonationReasonSchema, startImpersonation } from '@/lib/impersonation/impersonation';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';

const schema = z.object({ customerId: z.coerce.number().int().positive(), reason: impersonationReasonSchema });

export async function signInAsCustomerAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('customers.impersonate');
  if (!access.allowed) return { ok: false, message: access.message };
  const parsed = schema.safeParse(formInput(data, ['customerId', 'reason']));
  if (!parsed.success) return invalid(parsed.error, {});
  try {
    const handoff = await startImpersonation(access.ctx.db, {
      storefrontId: access.ctx.storefront.id,
      staffId: access.staff.id,
      customerId: parsed.data.customerId,
      reason: parsed.data.reason,
    });
    return { ok: true, message: 'Opening the customer area…', redirectTo: handoff };
  } catch (err) {
    return failed(err, {});
  }
}
