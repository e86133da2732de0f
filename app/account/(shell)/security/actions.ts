'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { confirmIdentity } from '@/lib/auth/confirm-identity';
import { requestMeta, requireCustomerInPerson } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { disableTotp } from '@/lib/mfa/disable-totp';
import { confirmEnrolmentStep, startEnrolmentStep, type ConfirmStep, type StartStep } from '@/lib/mfa/enrolment-steps';
import { regenerateRecoveryCodes } from '@/lib/mfa/regenerate-recovery-codes';
import { getRequestBrand } from '@/lib/branding/request-brand';

async function signedIn() {
  const c = await requireCustomerInPerson();
  const meta = await requestMeta();
  return {
    ...c,
    principal: { type: 'customer' as const, id: c.customer.id },
    actor: { type: 'customer' as const, id: c.customer.id, label: c.customer.email, ...meta },
  };
}

export async function startCustomerEnrolment(): Promise<StartStep> {
  const c = await signedIn();
  return startEnrolmentStep(c.ctx.db, { principal: c.principal, sessionId: c.sessionId, accountLabel: c.customer.email, issuer: (await getRequestBrand()).name });
}

// No revalidatePath here: the page would re-render and the recovery codes, shown once, would be lost.
export async function confirmCustomerEnrolment(_prev: ConfirmStep | null, data: FormData): Promise<ConfirmStep> {
  const c = await signedIn();
  return confirmEnrolmentStep(c.ctx.db, { principal: c.principal, sessionId: c.sessionId, code: data.get('code'), actor: c.actor });
}

/** "Confirm it's you": opens the security changes on this page and the email change on the profile page. */
export async function confirmCustomerIdentity(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const c = await signedIn();
  try {
    await confirmIdentity(c.ctx.db, {
      storefrontId: c.ctx.storefront.id,
      principal: c.principal,
      sessionId: c.sessionId,
      sessionKey: c.sessionKey,
      input: { password: data.get('password') ?? undefined, code: data.get('code') ?? undefined },
      actor: c.actor,
    });
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
  revalidatePath('/security');
  revalidatePath('/profile');
  return { ok: true, message: 'Confirmed. You can make security changes for the next 10 minutes.' };
}

export async function regenerateCustomerRecoveryCodes(_prev: ConfirmStep | null, data: FormData): Promise<ConfirmStep> {
  const c = await signedIn();
  try {
    const r = await regenerateRecoveryCodes(c.ctx.db, { storefrontId: c.ctx.storefront.id, principal: c.principal, code: data.get('code'), sessionKey: c.sessionKey, actor: c.actor });
    return { ok: true, ...r };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
}

export async function disableCustomerTotp(): Promise<ActionResult> {
  const c = await signedIn();
  try {
    await disableTotp(c.ctx.db, { principal: c.principal, sessionId: c.sessionId, actor: c.actor });
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
  revalidatePath('/security');
  return { ok: true, message: 'Two-factor authentication is off.' };
}
