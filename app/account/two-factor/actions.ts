'use server';

import type { TwoFactorState } from '@/components/auth/two-factor-form';
import { handleSecondFactor } from '@/lib/auth/sign-in-action';

export async function verifyCustomerSecondFactor(_prev: TwoFactorState, data: FormData): Promise<TwoFactorState> {
  return handleSecondFactor('customer', data);
}
