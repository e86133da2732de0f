'use server';

import { getSignedInCustomer } from '@/lib/auth/request-session';
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

// getSignedInCustomer, not requireCustomer: a server action answers with a message instead of redirecting.
const NOT_SIGNED_IN = { ok: false as const, message: 'Your session has ended. Sign in again.' };

async function owner(): Promise<PasskeyOwner | null> {
  const c = await getSignedInCustomer();
  // Staff signed in as the customer may not touch their passkeys.
  return c && !c.impersonation ? { ctx: c.ctx, principal: { type: 'customer', id: c.customer.id }, sessionId: c.sessionId, email: c.customer.email, displayName: c.customer.name } : null;
}

export async function customerPasskeyRegistrationOptions(): Promise<RegistrationOptionsResult> {
  const o = await owner();
  return o ? registrationOptionsStep(o) : NOT_SIGNED_IN;
}

export async function finishCustomerPasskeyRegistration(input: unknown): Promise<PasskeyChangeResult> {
  const o = await owner();
  return o ? registrationFinishStep(o, input) : NOT_SIGNED_IN;
}

export async function renameCustomerPasskey(input: unknown): Promise<PasskeyChangeResult> {
  const o = await owner();
  return o ? renameStep(o, input) : NOT_SIGNED_IN;
}

export async function removeCustomerPasskey(input: unknown): Promise<PasskeyChangeResult> {
  const o = await owner();
  return o ? removeStep(o, input) : NOT_SIGNED_IN;
}

export async function customerPasskeySignInOptions(): Promise<SignInOptionsResult> {
  return signInOptionsStep('customer');
}

export async function finishCustomerPasskeySignIn(response: unknown): Promise<SignInFinishResult> {
  return signInFinishStep('customer', response);
}
