'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { requestServiceCancellation, serviceCancellationSchema, withdrawServiceCancellation } from '@/lib/billing/cancel-service';
import { failed, formValues, invalid } from '@/lib/forms/action-result';

const serviceId = z.coerce.number().int().positive();

export async function cancelServiceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = serviceId.safeParse(data.get('serviceId'));
  if (!id.success) return { ok: false, message: 'No such service.' };
  const values = formValues(data, ['type', 'reason', 'survey']);
  const input = serviceCancellationSchema.safeParse({ type: values.type || undefined, reason: values.reason ?? '', survey: values.survey });
  if (!input.success) return invalid(input.error, values);
  try {
    const res = await requestServiceCancellation(access.ctx.db, { serviceId: id.data, customerId: access.account.id, ...input.data, actor: access.actor, now: new Date() });
    revalidatePath('/services');
    return {
      ok: true,
      message: res.type === 'immediate' ? 'The service is cancelled.' : `Cancellation requested: the service ends${res.effectiveOn ? ` on ${res.effectiveOn}` : ' at the end of its period'} and won’t be invoiced again.`,
    };
  } catch (err) {
    return failed(err, values);
  }
}

export async function withdrawCancellationAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = serviceId.safeParse(data.get('serviceId'));
  if (!id.success) return { ok: false, message: 'No such service.' };
  try {
    await withdrawServiceCancellation(access.ctx.db, { serviceId: id.data, customerId: access.account.id, actor: access.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/services');
  return { ok: true, message: 'Cancellation withdrawn: the service renews as before.' };
}
