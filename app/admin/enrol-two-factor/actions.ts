'use server';

import { revalidatePath } from 'next/cache';
import type { ActionResult } from '@/components/ui/action-form';
import { confirmIdentity } from '@/lib/auth/confirm-identity';
import { requestMeta, getSignedInStaff } from '@/lib/auth/request-session';
import { AppError } from '@/lib/errors/app-error';
import { confirmEnrolmentStep, startEnrolmentStep, type ConfirmStep, type StartStep } from '@/lib/mfa/enrolment-steps';
import { getRequestBrand } from '@/lib/branding/request-brand';

// getSignedInStaff, not requireStaff: these run exactly while the staff user has no second factor yet.
const NOT_SIGNED_IN = { ok: false as const, message: 'Your session has ended. Sign in again.' };

export async function startStaffEnrolment(): Promise<StartStep> {
  const s = await getSignedInStaff();
  if (!s) return NOT_SIGNED_IN;
  return startEnrolmentStep(s.ctx.db, { principal: { type: 'staff', id: s.staff.id }, sessionId: s.sessionId, accountLabel: s.staff.email, issuer: `${(await getRequestBrand()).name} Admin` });
}

export async function confirmStaffEnrolment(_prev: ConfirmStep | null, data: FormData): Promise<ConfirmStep> {
  const s = await getSignedInStaff();
  if (!s) return NOT_SIGNED_IN;
  const meta = await requestMeta();
  return confirmEnrolmentStep(s.ctx.db, {
    principal: { type: 'staff', id: s.staff.id },
    sessionId: s.sessionId,
    code: data.get('code'),
    actor: { type: 'staff', id: s.staff.id, label: s.staff.email, ...meta },
  });
}

/** "Confirm it's you" for staff, here and on the Security page: opens adding a passkey or an authenticator. */
export async function confirmStaffIdentity(_prev: ActionResult | null, data: FormData): Promise<ActionResult> {
  const s = await getSignedInStaff();
  if (!s) return NOT_SIGNED_IN;
  try {
    await confirmIdentity(s.ctx.db, {
      storefrontId: s.ctx.storefront.id,
      principal: { type: 'staff', id: s.staff.id },
      sessionId: s.sessionId,
      sessionKey: s.sessionKey,
      input: { password: data.get('password') ?? undefined, code: data.get('code') ?? undefined },
      actor: { type: 'staff', id: s.staff.id, label: s.staff.email, ...(await requestMeta()) },
    });
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    throw err;
  }
  revalidatePath('/security');
  revalidatePath('/enrol-two-factor');
  return { ok: true, message: 'Confirmed. You can make security changes for the next 10 minutes.' };
}
