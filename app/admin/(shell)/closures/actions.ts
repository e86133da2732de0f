'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { requestMeta } from '@/lib/auth/request-session';
import { requireStaffPermission } from '@/lib/staff/require-staff-permission';
import { approveAccountClosure } from '@/lib/customers/account-closure';
import { failed } from '@/lib/forms/action-result';

const schema = z.object({ customerId: z.coerce.number().int().positive() });

export async function approveClosureAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await requireStaffPermission('customers.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, staff } = access;
  const parsed = schema.safeParse({ customerId: data.get('customerId') });
  if (!parsed.success) return { ok: false, message: 'Unknown customer.' };
  try {
    await approveAccountClosure(ctx.db, { customerId: parsed.data.customerId, actor: { type: 'staff', id: staff.id, label: staff.email, ...(await requestMeta()) } });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/closures');
  return { ok: true, message: 'Account closed and anonymised.' };
}
