'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { ActionResult } from '@/components/ui/action-form';
import { accountActionAccess } from '@/lib/auth/customer-actor';
import { failed } from '@/lib/forms/action-result';
import { GatewayUnavailableError } from '@/lib/payments/gateway';
import { removePaymentMethod, setDefaultPaymentMethod, startAddCard } from '@/lib/payments/payment-methods';

const methodId = z.string().regex(/^pm_[a-z0-9]{1,40}$/);

export async function makeDefaultMethodAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('payment_methods.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = methodId.safeParse(data.get('methodId'));
  if (!id.success) return { ok: false, message: 'No such saved payment method.' };
  try {
    await setDefaultPaymentMethod(access.ctx.db, { customerId: access.account.id, methodPublicId: id.data, actor: access.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/payment-methods');
  return { ok: true, message: 'Default payment method changed: renewals use it unless a service has its own.' };
}

export async function removeMethodAction(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const access = await accountActionAccess('payment_methods.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  const id = methodId.safeParse(data.get('methodId'));
  if (!id.success) return { ok: false, message: 'No such saved payment method.' };
  try {
    await removePaymentMethod(access.ctx.db, { storefront: access.ctx.storefront, customerId: access.account.id, methodPublicId: id.data, actor: access.actor });
  } catch (err) {
    return failed(err, {});
  }
  revalidatePath('/payment-methods');
  return { ok: true, message: 'Payment method removed.' };
}

/** Sends the browser to the gateway's page for entering a card; /payment-methods/added stores it on return. */
export async function addCardAction(): Promise<ActionResult> {
  const access = await accountActionAccess('payment_methods.manage');
  if (!access.allowed) return { ok: false, message: access.message };
  try {
    const { redirectUrl } = await startAddCard(access.ctx.db, { storefront: access.ctx.storefront, customerId: access.account.id, currency: access.account.currency, actor: access.actor });
    return { ok: true, message: 'Taking you to the card page…', redirectTo: redirectUrl };
  } catch (err) {
    if (err instanceof GatewayUnavailableError) return { ok: false, message: 'The card page could not be opened. Please try again in a moment.' };
    return failed(err, {});
  }
}
