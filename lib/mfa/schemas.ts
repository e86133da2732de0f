import { z } from 'zod';

export const TOTP_CODE_MESSAGE = 'Enter the 6-digit code from your authenticator app.';
export const RECOVERY_CODE_MESSAGE = 'Enter a recovery code like abcde-23456.';
export const SECOND_FACTOR_MESSAGE = 'Enter the 6-digit code from your authenticator app or a recovery code like abcde-23456.';

// Recovery codes avoid look-alike characters (0/o, 1/l/i) so they survive being written on paper.
export const RECOVERY_ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const RECOVERY_PATTERN = new RegExp(`^[${RECOVERY_ALPHABET}]{5}-[${RECOVERY_ALPHABET}]{5}$`);

/** Authenticator apps show codes as "123 456"; spaces are dropped before the format check. */
export const totpCodeSchema = z
  .string({ error: TOTP_CODE_MESSAGE })
  .max(20, TOTP_CODE_MESSAGE)
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, TOTP_CODE_MESSAGE));

export const recoveryCodeSchema = z
  .string({ error: RECOVERY_CODE_MESSAGE })
  .max(20, RECOVERY_CODE_MESSAGE)
  .transform((s) => s.trim().toLowerCase())
  .pipe(z.string().regex(RECOVERY_PATTERN, RECOVERY_CODE_MESSAGE));

/** The /two-factor field takes either kind of code. */
export const secondFactorSchema = z.union(
  [
    totpCodeSchema.transform((code) => ({ kind: 'totp' as const, code })),
    recoveryCodeSchema.transform((code) => ({ kind: 'recovery' as const, code })),
  ],
  { error: SECOND_FACTOR_MESSAGE },
);

export type SecondFactor = z.output<typeof secondFactorSchema>;
