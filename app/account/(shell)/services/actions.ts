'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess, customerActor } from '@/lib/auth/customer-actor';
import { accountAllows } from '@/lib/auth/request-session';
import { requestServiceCancellation, serviceCancellationSchema, withdrawServiceCancellation } from '@/lib/billing/cancel-service';
import { failed, formValues, invalid } from '@/lib/forms/action-result';
import { setServicePaymentMethod } from '@/lib/payments/payment-methods';
import { TEAM_REFUSAL } from '@/lib/teams/permissions';

const serviceId = z.coerce.number().int().positive();

export async function cancelServiceAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('services.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = serviceId.safeParse(data.get('serviceId'));
  if (!id.success) return { ok: false, message: 'No such service.' };
  const values = formValues(data, ['type', 'reasonCode', 'reason']);
  const input = serviceCancellationSchema.safeParse({ type: values.type || undefined, reasonCode: values.reasonCode, reason: values.reason ?? '' });
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

const serviceChoice = z.object({
  serviceId: z.string().regex(/^svc_[a-z0-9]{1,40}$/),
  // The empty choice is "Account default".
  methodId: z.union([z.string().regex(/^pm_[a-z0-9]{1,40}$/), z.literal('')]),
});

/** Which saved method renews one service. Either services.manage or payment_methods.manage may choose it. */
export async function setServiceMethodAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await customerActor();
  if (!accountAllows(access.signedIn, 'services.manage') && !accountAllows(access.signedIn, 'payment_methods.manage')) return { ok: false, message: TEAM_REFUSAL };
  const parsed = serviceChoice.safeParse({ serviceId: data.get('serviceId'), methodId: data.get('methodId') ?? '' });
  if (!parsed.success) return { ok: false, message: 'Pick a saved payment method or the account default.' };
  try {
    await setServicePaymentMethod(access.ctx.db, { customerId: access.account.id, servicePublicId: parsed.data.serviceId, methodPublicId: parsed.data.methodId || null, actor: access.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/services');
  return { ok: true, message: parsed.data.methodId ? 'This service now renews with the chosen method.' : 'This service now renews with the account default.' };
}
