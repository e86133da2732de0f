import commonList from 'fxa-common-password-list';
import { z } from 'zod';

// Mozilla's bundled list of the most common passwords (from a 10-million-password breach corpus).

export function isCommonPassword(password: string): boolean {
  return commonList.test(password) || commonList.test(password.toLowerCase());
}

/** A new password: 10 to 200 characters and not on the common-password list. */
export const newPasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(200, 'must be at most 200 characters')
  .refine((p) => !isCommonPassword(p), 'is too common; choose one that is not on lists of leaked passwords');
