'use server';

import { getSignedInStaff } from '@/lib/auth/request-session';
import type { PasskeyChangeResult, RegistrationOptionsResult, SignInFinishResult, SignInOptionsResult } from '@/lib/passkeys/action-results';
import { registrationFinishStep, registrationOptionsStep, signInFinishStep, signInOptionsStep, type PasskeyOwner } from '@/lib/passkeys/passkey-actions';

// getSignedInStaff, not requireStaff: registering a passkey is how staff without a second factor get one.
// Renaming and removing are left to a later staff security page, so a passkey cannot be dropped here.
const NOT_SIGNED_IN = { ok: false as const, message: 'Your session has ended. Sign in again.' };

async function owner(): Promise<PasskeyOwner | null> {
  const s = await getSignedInStaff();
  return s ? { ctx: s.ctx, principal: { type: 'staff', id: s.staff.id }, email: s.staff.email, displayName: s.staff.name } : null;
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
