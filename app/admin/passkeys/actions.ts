'use server';

import { getSignedInStaff } from '@/lib/auth/request-session';
import { hasConfirmedTotp } from '@/lib/mfa/totp';
import { countPasskeys } from '@/lib/passkeys/manage-passkeys';
import type { PasskeyChangeResult, RegistrationOptionsResult, SignInFinishResult, SignInOptionsResult } from '@/lib/passkeys/action-results';
import {
  registrationFinishStep,
  registrationOptionsStep,
  removeStep,
  renameStep,
  signInFinishStep,
  signInOptionsStep,
  type PasskeyOwner,
} from '@/lib/passkeys/passkey-actions';

// getSignedInStaff, not requireStaff: registering a passkey is how staff without a second factor get one.
// Renaming and removing (on the staff Security page) need an enrolled member, and the last factor stays.
const NOT_SIGNED_IN = { ok: false as const, message: 'Your session has ended. Sign in again.' };

async function owner(): Promise<PasskeyOwner | null> {
  const s = await getSignedInStaff();
  return s ? { ctx: s.ctx, principal: { type: 'staff', id: s.staff.id }, sessionId: s.sessionId, email: s.staff.email, displayName: s.staff.name } : null;
}

export async function staffPasskeyRegistrationOptions(): Promise<RegistrationOptionsResult> {
  const o = await owner();
  return o ? registrationOptionsStep(o) : NOT_SIGNED_IN;
}

export async function finishStaffPasskeyRegistration(input: unknown): Promise<PasskeyChangeResult> {
  const o = await owner();
  return o ? registrationFinishStep(o, input) : NOT_SIGNED_IN;
}

export async function staffPasskeySignInOptions(): Promise<SignInOptionsResult> {
  return signInOptionsStep('staff');
}

export async function finishStaffPasskeySignIn(response: unknown): Promise<SignInFinishResult> {
  return signInFinishStep('staff', response);
}

export async function renameStaffPasskey(input: unknown): Promise<PasskeyChangeResult> {
  const o = await owner();
  return o ? renameStep(o, input) : NOT_SIGNED_IN;
}

export async function removeStaffPasskey(input: unknown): Promise<PasskeyChangeResult> {
  const o = await owner();
  if (!o) return NOT_SIGNED_IN;
  // Staff must keep a second factor: the last passkey of someone without an authenticator app stays.
  const staff = { type: 'staff' as const, id: o.principal.id };
  if (!(await hasConfirmedTotp(o.ctx.db, staff)) && (await countPasskeys(o.ctx.db, staff)) <= 1) {
    return { ok: false, message: 'This is your only second factor. Add another passkey or an authenticator app first.' };
  }
  return removeStep(o, input);
}
