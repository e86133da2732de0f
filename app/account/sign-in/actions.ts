'use server';

import type { FormState } from '@/components/auth/sign-in-form';
import { endSession } from '@/lib/auth/request-session';
import { handleSignIn } from '@/lib/auth/sign-in-action';

export async function signInCustomer(_prev: FormState, data: FormData): Promise<FormState> {
  return handleSignIn('customer', data);
}

export async function signOutCustomer(): Promise<void> {
  await endSession('customer');
}
