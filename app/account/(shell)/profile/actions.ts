'use server';

import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess, customerActor } from '@/lib/auth/customer-actor';
import { cancelAccountClosure, requestAccountClosure } from '@/lib/customers/account-closure';
import { changeCustomerPassword, requestEmailChange } from '@/lib/customers/change-credentials';
import { changeEmailSchema, changePasswordSchema, updateProfileSchema } from '@/lib/customers/schemas';
import { updateCustomerProfile } from '@/lib/customers/update-profile';
import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { failed, formInput, formValues, invalid } from '@/lib/forms/action-result';

const PROFILE_FIELDS = ['name', 'company', 'taxId', 'phone', 'addressLine1', 'addressLine2', 'city', 'region', 'postalCode', 'country'] as const;

const actor = customerActor;

export async function updateProfileAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('account.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const { ctx, account: customer, actor: who } = access;
  const values = formValues(data, PROFILE_FIELDS);
  const parsed = updateProfileSchema.safeParse(formInput(data, PROFILE_FIELDS));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await updateCustomerProfile(ctx.db, { customerId: customer.id, input: parsed.data, actor: who });
  } catch (err) {
    return failed(err, values);
  }
  return { ok: true, message: 'Profile saved.', values };
}

export async function changePasswordAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const { ctx, customer, sessionId, actor: who } = await actor({ inPerson: true });
  const parsed = changePasswordSchema.safeParse(formInput(data, ['currentPassword', 'newPassword']));
  if (!parsed.success) return invalid(parsed.error, {});
  try {
    const { sessionsRevoked } = await changeCustomerPassword(ctx.db, { customerId: customer.id, input: parsed.data, keepSessionId: sessionId, actor: who });
    return { ok: true, message: `Password changed. ${sessionsRevoked} other session(s) signed out.` };
  } catch (err) {
    return failed(err, {});
  }
}

export async function changeEmailAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const { ctx, customer, sessionId, actor: who } = await actor({ inPerson: true });
  const values = formValues(data, ['newEmail']);
  const parsed = changeEmailSchema.safeParse(formInput(data, ['newEmail']));
  if (!parsed.success) return invalid(parsed.error, values);
  try {
    await requestEmailChange(ctx.db, { storefrontId: ctx.storefront.id, customerId: customer.id, sessionId, input: parsed.data, actor: who });
  } catch (err) {
    return failed(err, values);
  }
  return { ok: true, message: `We sent a confirmation link to ${parsed.data.newEmail}. Your email changes when you open it.` };
}

const closureSchema = z.object({ password: z.string().min(1, 'is required').max(200) });

export async function requestClosureAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const { ctx, customer, actor: who } = await actor({ inPerson: true });
  const parsed = closureSchema.safeParse(formInput(data, ['password']));
  if (!parsed.success) return invalid(parsed.error, {});
  try {
    await requestAccountClosure(ctx.db, { customerId: customer.id, password: parsed.data.password, actor: who });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/profile');
  return { ok: true, message: 'Closure requested. Staff will confirm it, or it happens automatically in 30 days.' };
}

export async function cancelClosureAction(): Promise<ActionResult> {
  const { ctx, customer, actor: who } = await actor({ inPerson: true });
  try {
    await cancelAccountClosure(ctx.db, { customerId: customer.id, actor: who });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/profile');
  return { ok: true, message: 'Closure request cancelled.' };
}
