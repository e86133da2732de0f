'use server';

import type { FormState } from '@/components/auth/sign-in-form';
import { endSession } from '@/lib/auth/request-session';
import { handleSignIn } from '@/lib/auth/sign-in-action';

export async function signInStaff(_prev: FormState, data: FormData): Promise<FormState> {
  return handleSignIn('staff', data);
}

export async function signOutStaff(): Promise<void> {
  await endSession('staff');
}
