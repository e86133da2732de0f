'use server';

import { requestMeta, getSignedInStaff } from '@/lib/auth/request-session';
import { confirmEnrolmentStep, startEnrolmentStep, type ConfirmStep, type StartStep } from '@/lib/mfa/enrolment-steps';

// getSignedInStaff, not requireStaff: these run exactly while the staff user has no second factor yet.
const NOT_SIGNED_IN = { ok: false as const, message: 'Your session has ended. Sign in again.' };

export async function startStaffEnrolment(): Promise<StartStep> {
  const s = await getSignedInStaff();
  if (!s) return NOT_SIGNED_IN;
  return startEnrolmentStep(s.ctx.db, { principal: { type: 'staff', id: s.staff.id }, accountLabel: s.staff.email, issuer: `${s.ctx.storefront.name} Admin` });
}

export async function confirmStaffEnrolment(_prev: ConfirmStep | null, data: FormData): Promise<ConfirmStep> {
  const s = await getSignedInStaff();
  if (!s) return NOT_SIGNED_IN;
  const meta = await requestMeta();
  return confirmEnrolmentStep(s.ctx.db, {
    principal: { type: 'staff', id: s.staff.id },
    code: data.get('code'),
    actor: { type: 'staff', id: s.staff.id, label: s.staff.email, ...meta },
  });
}
